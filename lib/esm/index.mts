/**
 * Node.js bindings for the AWS FPGA SDK on EC2 F2 instances, and a simulated device.
 *
 * @module aws-fpga
 */
// The ES module entry point. It re-exports the CommonJS build instead of being a
// second build, so `import` and `require` share one copy of the addon's state: one
// backend choice, one table of attached BARs.
export * from '../index.js';
