import { createRequire as __ghmlCreateRequire } from 'node:module'; const require = __ghmlCreateRequire(import.meta.url);
import {
  startSandbox
} from "./chunk-52OSAX3W.js";
import "./chunk-W5IGWCAN.js";
export {
  startSandbox
};
