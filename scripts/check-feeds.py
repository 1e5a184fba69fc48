#!/usr/bin/python3
"""Checks feeds the way real clients see them: the W3C Feed Validation Service and the Universal Feed Parser.

Usage:
    /usr/bin/python3 scripts/check-feeds.py FILE_OR_URL [FILE_OR_URL ...]

    e.g. /usr/bin/python3 scripts/check-feeds.py test/fixtures/feeds/*.xml test/fixtures/feeds/*.json
         /usr/bin/python3 scripts/check-feeds.py http://localhost:8787/feed.xml http://localhost:8787/atom.xml

Each argument is a local file or an http(s) URL. RSS and Atom go through:
  1. the W3C Feed Validation Service at level AA (what validator.w3.org/feed reports): any error OR warning fails;
  2. feedparser: bozo must be 0, and the feed must have a title and link, every entry a title, link, id,
     published and updated dates, content, and (Atom) an author of its own or the feed's; when the feed
     carries categories, feedparser must see them.
OPML subscription lists (a root `<opml>`) get the validator only. JSON Feeds (detected by a leading `{`) are checked against JSON Feed 1.1: version, required fields, no 1.0-only
fields, RFC 3339 dates, absolute URLs, unique item ids; then feedparser reads them too when it can (6.1+).

A local file is validated as if it were served at its own `rel="self"` URL, so "Self reference doesn't match
document location" is reported only for URLs (where it is a real problem).

Exit status: 0 when every feed is clean, 1 when any check failed, 2 on bad usage or a missing tool.

Needs Debian's python3-feedparser python3-html5lib python3-rdflib python3-lxml (run with /usr/bin/python3) and
the validator's source, which is NOT part of this repository:
    git clone https://github.com/w3c/feedvalidator /work/feedvalidator
(or point FEEDVALIDATOR_DIR at a checkout; the default is /work/feedvalidator).
"""

import json
import os
import re
import sys
import urllib.request

VALIDATOR_DIR = os.environ.get("FEEDVALIDATOR_DIR", "/work/feedvalidator")
RFC3339 = re.compile(r"^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?(Z|[+-]\d{2}:\d{2})$")
ABSOLUTE_URL = re.compile(r"^https?://[^\s/?#]+[^\s]*$")


def load_validator():
    source = os.path.join(VALIDATOR_DIR, "src")
    if not os.path.isfile(os.path.join(source, "feedvalidator", "__init__.py")):
        sys.stderr.write(
            "check-feeds: the W3C feed validator is not at %s\n"
            "  get it with: git clone https://github.com/w3c/feedvalidator %s\n"
            "  (or set FEEDVALIDATOR_DIR), and: apt-get install python3-html5lib python3-rdflib python3-lxml\n"
            % (VALIDATOR_DIR, VALIDATOR_DIR)
        )
        sys.exit(2)
    sys.path.insert(0, source)
    import feedvalidator  # noqa: E402
    from feedvalidator import compatibility  # noqa: E402
    from feedvalidator.formatter.text_plain import Formatter  # noqa: E402

    return feedvalidator, compatibility, Formatter


def read_bytes(target):
    if re.match(r"^https?://", target):
        with urllib.request.urlopen(target) as response:
            return response.read()
    with open(target, "rb") as handle:
        return handle.read()


def self_link(data):
    text = data.decode("utf-8", "replace")
    for tag in re.findall(r"<(?:atom:)?link\b[^>]*>", text):
        if re.search(r'\brel="self"', tag):
            match = re.search(r'\bhref="([^"]*)"', tag)
            if match:
                return match.group(1).replace("&amp;", "&")
    return ""


def run_validator(target, data):
    feedvalidator, compatibility, Formatter = load_validator()
    try:
        if re.match(r"^https?://", target):
            events = feedvalidator.validateURL(target, firstOccurrenceOnly=1)["loggedEvents"]
        else:
            events = feedvalidator.validateString(data, firstOccurrenceOnly=1, base=self_link(data))["loggedEvents"]
    except feedvalidator.logging.ValidationFailure as failure:
        events = [failure.event]
    return list(Formatter(compatibility.AA(events)))


def run_feedparser(data, kind):
    import feedparser

    problems = []
    if kind == "json":
        # feedparser reads JSON Feed only from 6.1 on (feedparser/parsers/json.py), and only when told the type.
        try:
            import feedparser.parsers.json  # noqa: F401
        except ImportError:
            return [], "feedparser %s cannot read JSON Feed; skipped" % feedparser.__version__
        parsed = feedparser.parse(data, response_headers={"content-type": "application/feed+json"})
    else:
        parsed = feedparser.parse(data)
    if parsed.bozo:
        problems.append("feedparser: bozo=1 (%s)" % parsed.get("bozo_exception"))
    feed = parsed.feed
    for key in ("title", "link"):
        if not feed.get(key):
            problems.append("feedparser: the feed has no %s" % key)
    feed_author = feed.get("author") or (feed.get("authors") or [{}])[0].get("name")
    with_categories = 0
    for number, entry in enumerate(parsed.entries, 1):
        missing = [key for key in ("title", "link", "id") if not entry.get(key)]
        if not entry.get("published_parsed"):
            missing.append("published")
        if not entry.get("updated_parsed"):
            missing.append("updated")
        if not (entry.get("content") and entry.content[0].get("value")):
            missing.append("content")
        # RSS has no feed-level author without an e-mail address, so only Atom and JSON must name one.
        if kind != "rss" and not (entry.get("author") or feed_author):
            missing.append("author")
        if entry.get("tags"):
            with_categories += 1
        if missing:
            problems.append("feedparser: entry %d (%s) has no %s" % (number, entry.get("id", "?"), ", ".join(missing)))
    # Articles may have no category at all; but categories the feed does carry must reach the reader.
    if with_categories == 0 and re.search(rb"<category\b|\"tags\":", data):
        problems.append("feedparser: the feed has categories but feedparser sees none")
    summary = "feedparser: version=%s bozo=%d entries=%d with categories=%d" % (
        parsed.get("version"), parsed.bozo, len(parsed.entries), with_categories)
    return problems, summary


def check_json_feed(data):
    problems = []
    try:
        feed = json.loads(data.decode("utf-8"))
    except (UnicodeDecodeError, ValueError) as error:
        return ["json: does not parse: %s" % error]
    if feed.get("version") != "https://jsonfeed.org/version/1.1":
        problems.append("json: version is %r, not https://jsonfeed.org/version/1.1" % feed.get("version"))
    if not isinstance(feed.get("title"), str) or not feed["title"]:
        problems.append("json: title is required")
    if not isinstance(feed.get("items"), list):
        return problems + ["json: items is required"]
    if "author" in feed:
        problems.append("json: `author` is JSON Feed 1.0; 1.1 uses `authors`")
    for key in ("home_page_url", "feed_url", "next_url", "icon", "favicon"):
        if key in feed and not ABSOLUTE_URL.match(feed[key]):
            problems.append("json: %s is not an absolute URL: %r" % (key, feed[key]))
    seen = set()
    for number, item in enumerate(feed["items"], 1):
        where = "json: item %d" % number
        if not isinstance(item.get("id"), str) or not item["id"]:
            problems.append("%s: id must be a non-empty string" % where)
        elif item["id"] in seen:
            problems.append("%s: duplicate id %r" % (where, item["id"]))
        else:
            seen.add(item["id"])
        if "content_html" not in item and "content_text" not in item:
            problems.append("%s: needs content_html or content_text" % where)
        if "author" in item:
            problems.append("%s: `author` is JSON Feed 1.0; 1.1 uses `authors`" % where)
        for key in ("date_published", "date_modified"):
            if key in item and not RFC3339.match(item[key]):
                problems.append("%s: %s is not RFC 3339: %r" % (where, key, item[key]))
        for key in ("url", "external_url", "image", "banner_image"):
            if key in item and not ABSOLUTE_URL.match(item[key]):
                problems.append("%s: %s is not an absolute URL: %r" % (where, key, item[key]))
        for author in item.get("authors", []) + feed.get("authors", []):
            if not isinstance(author, dict) or not (author.get("name") or author.get("url")):
                problems.append("%s: an author needs a name or url" % where)
    return problems


def check(target):
    data = read_bytes(target)
    problems = []
    if data.lstrip().startswith(b"{"):
        problems += check_json_feed(data)
        notes, summary = run_feedparser(data, "json")
        problems += notes
        return problems, ["json feed 1.1 checks", summary]
    kind = "atom" if re.search(rb"<feed\b", data[:2000]) else "opml" if re.search(rb"<opml\b", data[:2000]) else "rss"
    validator_lines = run_validator(target, data)
    problems += ["w3c: " + line for line in validator_lines]
    verdict = "w3c validator (AA): %s" % ("%d problem(s)" % len(validator_lines) if validator_lines else "No errors or warnings")
    if kind == "opml":
        # feedparser does not read subscription lists; the validator checks OPML 2.0.
        return problems, [verdict]
    notes, summary = run_feedparser(data, kind)
    problems += notes
    return problems, [verdict, summary]


def main(arguments):
    if not arguments or arguments[0] in ("-h", "--help"):
        sys.stderr.write(__doc__)
        return 2
    failed = 0
    for target in arguments:
        try:
            problems, notes = check(target)
        except (OSError, ValueError) as error:
            problems, notes = ["cannot read: %s" % error], []
        print("%s %s" % ("FAIL" if problems else "ok  ", target))
        for line in notes:
            print("     " + line)
        for line in problems:
            print("     " + line)
        failed += bool(problems)
    print("%d of %d feed(s) failed" % (failed, len(arguments)))
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
