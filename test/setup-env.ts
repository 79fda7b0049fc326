// The suite runs on the simulated device unless a test process says otherwise.
process.env.AWS_FPGA_BACKEND ??= 'mock';
