// A CommonJS user of the package and of its aws-fpga/afi entry point.
import * as assert from 'assert';
import fpga = require('aws-fpga');
import afi = require('aws-fpga/afi');
import { exercise } from './exercise.cjs';

assert.notStrictEqual(Object.keys(afi).length, 0);
exercise(fpga, 'require');
