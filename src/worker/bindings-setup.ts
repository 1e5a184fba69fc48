import { readSiteConfig, type SiteConfig, type SiteDefaults, withSiteDefaults } from "../model/site-config";
import { createRouter } from "./create-router";
import type { Env } from "./env";
import { type ImageProxy, openImageProxy } from "./images/image-proxy";

/**
 * What a Worker's bindings decide, worked out once for each bindings object rather than on every request:
 * the settings, the routes under SITE_URL's path, the image proxy, and the fingerprints and merged settings
 * derived from them.
 */
export interface BindingsSetup {
  /** The settings of `[vars]` alone. */
  config: SiteConfig;
  /** SITE_URL's path without a trailing slash, usually empty. */
  basePath: string;
  router: ReturnType<typeof createRouter>;
  images: ImageProxy | undefined;
  /** `config` with a generation's settings where `[vars]` set none (withSiteDefaults), the same object for the same defaults. */
  withDefaults(defaults: SiteDefaults | undefined): SiteConfig;
  /** Everything besides stored data that the bytes depend on (settings, origin, deployed version, image key), kept per config and origin. */
  fingerprint(config: SiteConfig, origin: string): string;
  /** A short name of this bindings object, unique in the isolate: what kept answers are keyed by, in place of the settings themselves. */
  tag: string;
}

/**
 * A function giving the BindingsSetup of an `env`, kept while that object lives. workerd hands every request
 * of an isolate the same bindings object, whose values only a deploy changes (and a deploy starts new
 * isolates), so the settings are read, the routes compiled and the fingerprint serialized once, where each
 * request did it again before (the routes alone were a fifth of a hot feed request's time in the isolate,
 * profiled under `wrangler dev`). A bad setting is not kept: every request throws it again, for a 500.
 */
export function createBindingsSetups(): (env: Env) => Promise<BindingsSetup> {
  const kept = new WeakMap<Env, BindingsSetup>();
  let made = 0;
  return async (env) => {
    const known = kept.get(env);
    if (known !== undefined) return known;
    const vars = env as unknown as Record<string, unknown>;
    const config = readSiteConfig(vars);
    const basePath = config.url ? new URL(config.url).pathname.replace(/\/+$/, "") : "";
    const images = await openImageProxy(config.imageProxyHosts, env.IMAGE_PROXY_SECRET);
    const merged = new WeakMap<SiteDefaults, SiteConfig>();
    const fingerprints = new WeakMap<SiteConfig, Map<string, string>>();
    const setup: BindingsSetup = {
      tag: String(++made),
      config,
      basePath,
      router: createRouter(basePath),
      images,
      withDefaults(defaults) {
        if (defaults === undefined) return config;
        let result = merged.get(defaults);
        if (result === undefined) merged.set(defaults, (result = withSiteDefaults(config, vars, defaults)));
        return result;
      },
      fingerprint(of, origin) {
        let byOrigin = fingerprints.get(of);
        if (byOrigin === undefined) fingerprints.set(of, (byOrigin = new Map()));
        let result = byOrigin.get(origin);
        if (result === undefined) {
          // Links use the origin only when SITE_URL is unset; a deploy may change any renderer; image URLs carry
          // tokens of the proxy's key. A Worker answers few origins: past a handful, start again.
          if (byOrigin.size >= 16) byOrigin.clear();
          result = JSON.stringify([of, of.url ? "" : origin, env.CF_VERSION_METADATA?.id ?? "", images?.keyId ?? "no image proxy"]);
          byOrigin.set(origin, result);
        }
        return result;
      },
    };
    kept.set(env, setup);
    return setup;
  };
}
