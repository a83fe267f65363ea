import { createRequire as __ghmlCreateRequire } from 'node:module'; const require = __ghmlCreateRequire(import.meta.url);
import {
  app_default
} from "./chunks/chunk-UUNXQ3IT.js";
import "./chunks/chunk-SBZUPYPN.js";
import "./chunks/chunk-4PYNN2NM.js";
import "./chunks/chunk-3CCE2A4P.js";
import "./chunks/chunk-4OQXWIPX.js";
import "./chunks/chunk-CYMG7XRX.js";
import "./chunks/chunk-C4BBZRUX.js";
import "./chunks/chunk-W64PFGQ6.js";
import "./chunks/chunk-D62TLEC3.js";
import "./chunks/chunk-W5IGWCAN.js";
export {
  app_default as default
};
