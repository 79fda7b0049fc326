/**
 * Amazon FPGA Images (AFIs): create, wait for, describe, copy and delete them.
 *
 * @module aws-fpga/afi
 */
// The ES module entry point of aws-fpga/afi, re-exporting its CommonJS build (one
// copy of the module, whichever way it is loaded).
export * from '../afi/index.js';
