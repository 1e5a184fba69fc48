import { writeFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { readSiteConfigFile } from "../../../src/builder/run/read-site-config-file";
import { temporaryFolders } from "../../support/temporary-folders";

const makeFolder = temporaryFolders("edgefeed-site-config-");

/** A wrangler.toml with these [vars] in a fresh folder. */
function wranglerToml(vars: string): string {
  const path = join(makeFolder(), "wrangler.toml");
  writeFileSync(path, `name = "x"\n[vars]\n${vars}\n`);
  return path;
}

describe("readSiteConfigFile: IMAGE_PROXY_HOSTS", () => {
  it("reads the hosts as the Worker does: unset the default, empty none", async () => {
    expect((await readSiteConfigFile(wranglerToml('SOURCE_SITE = "sina"'))).imageProxyHosts).toEqual(["sinaimg.cn"]);
    expect((await readSiteConfigFile(wranglerToml('IMAGE_PROXY_HOSTS = ""'))).imageProxyHosts).toEqual([]);
    expect((await readSiteConfigFile(wranglerToml('IMAGE_PROXY_HOSTS = "sinaimg.cn, 127.0.0.1"'))).imageProxyHosts).toEqual(["127.0.0.1", "sinaimg.cn"]);
  });

  it("names the file and the setting when a host is not a host name", async () => {
    const path = wranglerToml('IMAGE_PROXY_HOSTS = "https://n.sinaimg.cn/"');
    await expect(readSiteConfigFile(path)).rejects.toThrow(`${path}: [vars] IMAGE_PROXY_HOSTS must list host names`);
  });
});
