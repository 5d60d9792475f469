// What GetHealthStatus and GET /ping say about the proxy (spec §5: the model SHOULD name product and version).
export const PROXY_VERSION = "0.1.0";
export const PROXY_VENDOR = "Keyhold";
export const PROXY_MODEL = `Keyhold XKS proxy ${PROXY_VERSION}`;
