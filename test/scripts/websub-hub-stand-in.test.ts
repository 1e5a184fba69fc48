import { afterEach, expect, it } from "vitest";
import { type HubStandIn, startWebsubHubStandIn } from "../../scripts/support/websub-hub-stand-in";

let hub: HubStandIn | undefined;
afterEach(async () => {
  await hub?.stop();
  hub = undefined;
});

const FORM = { "Content-Type": "application/x-www-form-urlencoded" };

it.each([
  { name: "a GET", init: { method: "GET" }, status: 405 },
  { name: "a JSON body", init: { method: "POST", headers: { "Content-Type": "application/json" }, body: "{}" }, status: 400 },
  { name: "no hub.mode", init: { method: "POST", headers: FORM, body: "hub.url=https%3A%2F%2Fa.example%2Ffeed.xml" }, status: 400 },
  { name: "hub.mode=subscribe", init: { method: "POST", headers: FORM, body: "hub.mode=subscribe&hub.url=https%3A%2F%2Fa.example%2F" }, status: 400 },
  { name: "no hub.url", init: { method: "POST", headers: FORM, body: "hub.mode=publish" }, status: 400 },
  { name: "a relative hub.url", init: { method: "POST", headers: FORM, body: "hub.mode=publish&hub.url=%2Ffeed.xml" }, status: 400 },
])("refuses $name with a 4xx that says why, as a hub does", async ({ init, status }) => {
  hub = await startWebsubHubStandIn({ fetchFeeds: false });
  const response = await fetch(hub.url, init);
  expect(response.status).toBe(status);
  expect((await response.text()).length).toBeGreaterThan(0);
});

it("takes a ping with 204, then fetches the pinged feed and records what it got", async () => {
  hub = await startWebsubHubStandIn();
  const feed = `${hub.url}feed.xml`;
  const response = await fetch(hub.url, { method: "POST", headers: FORM, body: new URLSearchParams({ "hub.mode": "publish", "hub.url": feed }).toString() });
  expect(response.status).toBe(204);
  await hub.settled();
  // The stand-in's own URL answers the fetch with the 405 a GET gets: what matters is that it fetched.
  expect(hub.fetches).toEqual([{ url: feed, status: 405, body: "publish with POST", link: null }]);
});
