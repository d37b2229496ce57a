#!/usr/bin/env node
/**
 * The `hdm-atlas` executable (package.json "bin"). `npm pack` compiles it with everything it imports into one plain
 * JavaScript file, dist-cli/hdm-atlas.js (vite.cli.config.ts), so it runs on Node without tsx or any dependency.
 * Every command is main()'s: this file only connects it to the process.
 */
import { runProcess } from './main';

runProcess();
