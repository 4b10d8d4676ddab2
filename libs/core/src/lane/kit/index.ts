export { runTool, assertToolSucceeded, type RunToolOptions, type RunToolResult } from './run-tool';
export { hashFile } from './hash-file';
