import { createRequire as __ghmlCreateRequire } from 'node:module'; const require = __ghmlCreateRequire(import.meta.url);
import {
  app_default
} from "./chunks/chunk-UNJVJLCA.js";
import "./chunks/chunk-R5F35EWZ.js";
import "./chunks/chunk-4PYNN2NM.js";
import "./chunks/chunk-5YXCHMNF.js";
import "./chunks/chunk-M3EBPA5Y.js";
import "./chunks/chunk-MRY2XE7J.js";
import "./chunks/chunk-ANOTJKWA.js";
import "./chunks/chunk-W64PFGQ6.js";
import "./chunks/chunk-5IKXZ3EP.js";
import "./chunks/chunk-W5IGWCAN.js";
export {
  app_default as default
};
