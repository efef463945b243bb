#!/usr/bin/env node
import { main } from '../dist/cli/hybrid-readiness.js';

main(process.argv);
