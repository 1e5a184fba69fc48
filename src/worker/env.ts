/** The Worker's bindings: the FEEDS KV namespace, the vars of wrangler.toml, the image proxy's secret and, when bound, the deployed version. */
export interface Env {
  FEEDS: KVNamespace;
  SITE_URL?: string;
  SITE_TITLE?: string;
  SITE_DESCRIPTION?: string;
  SITE_LANGUAGE?: string;
  SITE_TIME_ZONE?: string;
  SITE_AUTHOR?: string;
  /** The builder's cleaning rules for posts without a source URL; the Worker does not use it. */
  SOURCE_SITE?: string;
  /** `edgefeed` (default) or `hexo-permalink`: what items' ids are (see SiteConfig.idScheme). */
  ID_SCHEME?: string;
  /** The builder's zone for the dates in Hexo permalinks; the Worker does not use it. */
  PERMALINK_TIME_ZONE?: string;
  /** Hosts whose images go through the image proxy (see SiteConfig.imageProxyHosts). */
  IMAGE_PROXY_HOSTS?: string;
  /** The WebSub hub subscription feeds name (see SiteConfig.websubHub); empty or unset: none. */
  WEBSUB_HUB?: string;
  /** A `wrangler secret` (locally `.dev.vars`): the key of the image proxy's tokens; unset, the proxy is off. */
  IMAGE_PROXY_SECRET?: string;
  /** `[version_metadata]`: a new id with every deploy, so a changed renderer never hides behind an old ETag. */
  CF_VERSION_METADATA?: WorkerVersionMetadata;
}
