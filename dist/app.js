import { createRequire as __ghmlCreateRequire } from 'node:module'; const require = __ghmlCreateRequire(import.meta.url);
import {
  app_default
} from "./chunks/chunk-DXNMJDDA.js";
import "./chunks/chunk-R5F35EWZ.js";
import "./chunks/chunk-4PYNN2NM.js";
import "./chunks/chunk-UYGQORSL.js";
import "./chunks/chunk-CJOZ77GT.js";
import "./chunks/chunk-CYX5IXLF.js";
import "./chunks/chunk-O47LTZ3U.js";
import "./chunks/chunk-W64PFGQ6.js";
import "./chunks/chunk-5IKXZ3EP.js";
import "./chunks/chunk-W5IGWCAN.js";
export {
  app_default as default
};
