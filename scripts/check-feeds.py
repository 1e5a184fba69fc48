#!/usr/bin/python3
"""Checks feeds the way real clients see them: the W3C Feed Validation Service and the Universal Feed Parser.

Usage:
    /usr/bin/python3 scripts/check-feeds.py [--no-validator] [--require-entries] [--quiet] FILE_OR_URL [...]

    e.g. /usr/bin/python3 scripts/check-feeds.py test/fixtures/feeds/*.xml test/fixtures/feeds/*.json
         /usr/bin/python3 scripts/check-feeds.py http://localhost:8787/feed.xml http://localhost:8787/atom.xml

Each argument is a local file or an http(s) URL (a URL must answer 200). RSS and Atom go through:
  1. xmllint (libxml2): the bytes must be well-formed XML;
  2. the W3C Feed Validation Service at level AA (what validator.w3.org/feed reports): any error OR warning fails;
  3. feedparser: bozo must be 0, and the feed must have a title and link, every entry a title, link, id,
     published and updated dates, content, and (Atom) an author of its own or the feed's; when the feed
     carries categories, feedparser must see them. A URL asking for `mode=summary` must give every entry a
     summary and none its content.
OPML subscription lists (a root `<opml>`) get xmllint, the validator, and a structural check (OPML 2.0: a
head title, outlines with text, every `type="rss"` outline an absolute xmlUrl). JSON Feeds (detected by a
leading `{`) are checked against JSON Feed 1.1: version, required fields and the type of every field, no
1.0-only fields, extension keys starting with `_`, RFC 3339 dates, absolute URLs, unique item ids, attachments
with url and mime_type, the media type `application/feed+json` and a `feed_url` that is the URL itself when
served (as the validator checks RSS and Atom self links), no content_html for `mode=summary`; then feedparser
reads them too when it can (6.1+).

Options:
  --no-validator     skip the W3C validator (for machines that cannot get its code, such as CI); every other
                     check still runs
  --require-entries  fail a feed that has no entries
  --quiet            print only failed feeds and the summary lines

A local file is validated as if it were served at its own `rel="self"` URL, so "Self reference doesn't match
document location" is reported only for URLs (where it is a real problem). A URL is validated as the hosted
validator does it (validateURL: the HTTP status, media type and charset count too).

The last line reads `checked N feeds: P passed, F failed`.
Exit status: 0 when every feed is clean, 1 when any check failed, 2 on bad usage or a missing tool.

Needs Debian's python3-feedparser libxml2-utils and, for the validator, python3-html5lib python3-rdflib
python3-lxml (run with /usr/bin/python3; scripts/install-test-tools.sh installs them) and the validator's
source, which is NOT part of this repository:
    git clone https://github.com/w3c/feedvalidator /work/feedvalidator
(or point FEEDVALIDATOR_DIR at a checkout; the default is /work/feedvalidator).
"""

import argparse
import json
import os
import re
import shutil
import ssl
import subprocess
import sys
import urllib.error
import urllib.parse
import urllib.request
import xml.etree.ElementTree as ElementTree

VALIDATOR_DIR = os.environ.get("FEEDVALIDATOR_DIR", "/work/feedvalidator")
RFC3339 = re.compile(r"^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?(Z|[+-]\d{2}:\d{2})$")
ABSOLUTE_URL = re.compile(r"^https?://[^\s/?#]+[^\s]*$")
# JSON Feed 1.1 (https://www.jsonfeed.org/version/1.1/): every top-level and item field with its type.
JSON_FEED_FIELDS = {
    "version": str, "title": str, "home_page_url": str, "feed_url": str, "description": str,
    "user_comment": str, "next_url": str, "icon": str, "favicon": str, "authors": list, "language": str,
    "expired": bool, "hubs": list, "items": list,
}
JSON_ITEM_FIELDS = {
    "id": str, "url": str, "external_url": str, "title": str, "content_html": str, "content_text": str,
    "summary": str, "image": str, "banner_image": str, "date_published": str, "date_modified": str,
    "authors": list, "tags": list, "language": str, "attachments": list,
}
JSON_FEED_MEDIA_TYPES = ("application/feed+json", "application/json")
_validator = None


def load_validator():
    global _validator
    if _validator is not None:
        return _validator
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

    _validator = feedvalidator, compatibility, Formatter
    return _validator


def read_bytes(target):
    """The bytes of a file or URL, and the served media type (None for a file); raises OSError on HTTP errors."""
    if re.match(r"^https?://", target):
        try:
            with urllib.request.urlopen(target, timeout=30) as response:
                return response.read(), response.headers.get("content-type", "")
        except urllib.error.HTTPError as error:
            said = error.read(300).decode("utf-8", "replace").strip().splitlines()
            raise OSError("HTTP %d%s" % (error.code, (": " + said[0]) if said else "")) from None
    with open(target, "rb") as handle:
        return handle.read(), None


def check_well_formed(data):
    """xmllint's verdict on the bytes: [] when well-formed XML, else its messages."""
    result = subprocess.run(["xmllint", "--noout", "--nonet", "-"], input=data, capture_output=True)
    if result.returncode == 0:
        return []
    lines = [line for line in result.stderr.decode("utf-8", "replace").splitlines() if line.strip()]
    return ["xmllint: " + line for line in lines[:5]] or ["xmllint: exit status %d" % result.returncode]


def self_link(data):
    text = data.decode("utf-8", "replace")
    for tag in re.findall(r"<(?:atom:)?link\b[^>]*>", text):
        if re.search(r'\brel="self"', tag):
            match = re.search(r'\bhref="([^"]*)"', tag)
            if match:
                return match.group(1).replace("&amp;", "&")
    return ""


class _UnusedTlsContexts:
    """validateURL builds two TLS contexts per call (each loads the system CA store, 0.2 s) that a plain
    http:// URL never uses; for those, hand out one context made once. https:// URLs get fresh ones."""

    def __init__(self):
        self.original = ssl.create_default_context
        self.cached = None

    def __enter__(self):
        def create(*arguments, **keywords):
            if self.cached is None:
                self.cached = self.original(*arguments, **keywords)
            return self.cached

        ssl.create_default_context = create

    def __exit__(self, *exception):
        ssl.create_default_context = self.original


_tls_contexts = None


def run_validator(target, data):
    global _tls_contexts
    feedvalidator, compatibility, Formatter = load_validator()
    try:
        if target.startswith("http://"):
            _tls_contexts = _tls_contexts or _UnusedTlsContexts()
            with _tls_contexts:
                events = feedvalidator.validateURL(target, firstOccurrenceOnly=1)["loggedEvents"]
        elif re.match(r"^https://", target):
            events = feedvalidator.validateURL(target, firstOccurrenceOnly=1)["loggedEvents"]
        else:
            events = feedvalidator.validateString(data, firstOccurrenceOnly=1, base=self_link(data))["loggedEvents"]
    except feedvalidator.logging.ValidationFailure as failure:
        events = [failure.event]
    return list(Formatter(compatibility.AA(events)))


def run_feedparser(data, kind, require_entries, summary_only=False):
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
    if require_entries and not parsed.entries:
        problems.append("feedparser: the feed has no entries")
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
        if summary_only:
            # `?mode=summary`: the item is its summary and its link, never its HTML.
            if not entry.get("summary"):
                missing.append("summary")
            if entry.get("content"):
                problems.append("feedparser: entry %d (%s) has content, but the URL asks for mode=summary" % (number, entry.get("id", "?")))
        elif not (entry.get("content") and entry.content[0].get("value")):
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


def asks_for_summary(target):
    """Whether a URL asks for items without their HTML (`?mode=summary`)."""
    return re.match(r"^https?://", target) is not None and "mode=summary" in urllib.parse.urlsplit(target).query.split("&")


def check_json_feed(data, require_entries, summary_only=False, url=None):
    """JSON Feed 1.1 (https://www.jsonfeed.org/version/1.1/): [] when the document follows it, else what does not."""
    problems = []
    try:
        feed = json.loads(data.decode("utf-8"))
    except (UnicodeDecodeError, ValueError) as error:
        return ["json: does not parse: %s" % error]
    if not isinstance(feed, dict):
        return ["json: the top level must be an object"]
    if feed.get("version") != "https://jsonfeed.org/version/1.1":
        problems.append("json: version is %r, not https://jsonfeed.org/version/1.1" % feed.get("version"))
    if not isinstance(feed.get("title"), str) or not feed["title"]:
        problems.append("json: title is required")
    if not isinstance(feed.get("items"), list):
        return problems + ["json: items is required"]
    if "author" in feed:
        problems.append("json: `author` is JSON Feed 1.0; 1.1 uses `authors`")
    problems += check_json_fields("json: feed", feed, JSON_FEED_FIELDS, ("author",))
    for key in ("home_page_url", "feed_url", "next_url", "icon", "favicon"):
        if isinstance(feed.get(key), str) and not ABSOLUTE_URL.match(feed[key]):
            problems.append("json: %s is not an absolute URL: %r" % (key, feed[key]))
    # "feed_url … is the URL of the feed, and serves as the unique identifier for the feed".
    if url is not None and feed.get("feed_url") != url:
        problems.append("json: feed_url is %r, not the URL the feed was fetched from, %r" % (feed.get("feed_url"), url))
    problems += check_json_authors("json: feed", feed.get("authors"))
    for number, hub in enumerate(feed.get("hubs") or [], 1):
        if not (isinstance(hub, dict) and isinstance(hub.get("type"), str) and isinstance(hub.get("url"), str)):
            problems.append("json: hub %d needs a type and a url (strings)" % number)
    if require_entries and not feed["items"]:
        problems.append("json: the feed has no items")
    seen = set()
    for number, item in enumerate(feed["items"], 1):
        where = "json: item %d" % number
        if not isinstance(item, dict):
            problems.append("%s: must be an object" % where)
            continue
        # "id (required, string)": 1.1 made it a string; numbers were tolerated in 1.0.
        if not isinstance(item.get("id"), str) or not item["id"]:
            problems.append("%s: id must be a non-empty string" % where)
        elif item["id"] in seen:
            problems.append("%s: duplicate id %r" % (where, item["id"]))
        else:
            seen.add(item["id"])
        where = "json: item %s" % item.get("id", number)
        problems += check_json_fields(where, item, JSON_ITEM_FIELDS, ("author", "id"))
        # "content_html and content_text are each optional strings — but one or both must be present."
        if "content_html" not in item and "content_text" not in item:
            problems.append("%s: needs content_html or content_text" % where)
        if summary_only and "content_html" in item:
            problems.append("%s: has content_html, but the URL asks for mode=summary" % where)
        if "author" in item:
            problems.append("%s: `author` is JSON Feed 1.0; 1.1 uses `authors`" % where)
        for key in ("date_published", "date_modified"):
            if isinstance(item.get(key), str) and not RFC3339.match(item[key]):
                problems.append("%s: %s is not RFC 3339: %r" % (where, key, item[key]))
        for key in ("url", "external_url", "image", "banner_image"):
            if isinstance(item.get(key), str) and not ABSOLUTE_URL.match(item[key]):
                problems.append("%s: %s is not an absolute URL: %r" % (where, key, item[key]))
        problems += check_json_authors(where, item.get("authors"))
        if isinstance(item.get("tags"), list) and not all(isinstance(tag, str) and tag for tag in item["tags"]):
            problems.append("%s: tags must be non-empty strings" % where)
        for index, attachment in enumerate(item.get("attachments") or [], 1):
            # "url (required, string)", "mime_type (required, string)"; sizes and durations are numbers.
            if not (isinstance(attachment, dict) and isinstance(attachment.get("url"), str) and ABSOLUTE_URL.match(attachment["url"])
                    and isinstance(attachment.get("mime_type"), str) and attachment["mime_type"]):
                problems.append("%s: attachment %d needs an absolute url and a mime_type" % (where, index))
            elif any(key in attachment and (isinstance(attachment[key], bool) or not isinstance(attachment[key], (int, float)))
                     for key in ("size_in_bytes", "duration_in_seconds")):
                problems.append("%s: attachment %d: size_in_bytes and duration_in_seconds are numbers" % (where, index))
    return problems


def check_json_fields(where, value, fields, reported_elsewhere):
    """Each known field has its type; any other key must be an extension (`_` then a letter)."""
    problems = []
    for key, item in value.items():
        expected = fields.get(key)
        if key in reported_elsewhere:
            continue  # reported on its own
        if expected is None:
            # "Publishers can use custom objects in JSON Feeds. Names must start with an _ character followed by a letter."
            if not re.match(r"^_[A-Za-z]", key):
                problems.append("%s: %r is not a JSON Feed 1.1 field (extensions start with _)" % (where, key))
        elif not isinstance(item, expected) or (expected is not bool and isinstance(item, bool)):
            problems.append("%s: %s must be a%s %s" % (where, key, "n" if expected is list else "", {str: "string", list: "array", bool: "boolean"}[expected]))
    return problems


def check_json_authors(where, authors):
    """`authors`: an array of objects, each with at least one of name, url, avatar (strings)."""
    if authors is None or not isinstance(authors, list):
        return []
    problems = []
    for author in authors:
        if not isinstance(author, dict) or not any(isinstance(author.get(key), str) and author[key] for key in ("name", "url", "avatar")):
            problems.append("%s: an author needs a name, url or avatar" % where)
        elif any(key in author and not isinstance(author[key], str) for key in ("name", "url", "avatar")):
            problems.append("%s: an author's name, url and avatar are strings" % where)
    return problems


def check_opml(data):
    """OPML 2.0 (http://opml.org/spec2.opml): a head title, outlines with text, subscription outlines with an absolute xmlUrl."""
    try:
        root = ElementTree.fromstring(data)
    except ElementTree.ParseError as error:
        return ["opml: does not parse: %s" % error], 0
    problems = []
    if root.tag != "opml" or root.get("version") != "2.0":
        problems.append("opml: the root must be <opml version=\"2.0\">")
    if not (root.findtext("head/title") or "").strip():
        problems.append("opml: head has no title")
    body = root.find("body")
    outlines = body.iter("outline") if body is not None else []
    count = 0
    for outline in outlines:
        count += 1
        if not outline.get("text"):
            problems.append("opml: outline %d has no text" % count)
        if outline.get("type") == "rss" and not ABSOLUTE_URL.match(outline.get("xmlUrl") or ""):
            problems.append("opml: outline %d (%s) has no absolute xmlUrl" % (count, outline.get("text")))
    if count == 0:
        problems.append("opml: body has no outlines")
    return problems, count


def check(target, options):
    """Returns (problems, notes, checks ran): what failed, what each checker said, and which checkers ran."""
    data, content_type = read_bytes(target)
    problems = []
    if data.lstrip().startswith(b"{"):
        url = target if re.match(r"^https?://", target) else None
        problems += check_json_feed(data, options.require_entries, asks_for_summary(target), url)
        notes = ["json feed 1.1 checks"]
        if content_type is not None:
            media_type = content_type.split(";")[0].strip().lower()
            if media_type not in JSON_FEED_MEDIA_TYPES:
                problems.append("json: served as %r; JSON Feed is application/feed+json (or application/json)" % media_type)
        more, summary = run_feedparser(data, "json", options.require_entries, asks_for_summary(target))
        return problems + more, notes + [summary], {"json"}
    kind = "atom" if re.search(rb"<feed\b", data[:2000]) else "opml" if re.search(rb"<opml\b", data[:2000]) else "rss"
    ran = {"xmllint"}
    well_formed = check_well_formed(data)
    problems += well_formed
    notes = ["xmllint: %s" % ("well-formed" if not well_formed else "NOT well-formed")]
    if options.validator:
        validator_lines = run_validator(target, data)
        problems += ["w3c: " + line for line in validator_lines]
        notes.append("w3c validator (AA): %s" % ("%d problem(s)" % len(validator_lines) if validator_lines else "No errors or warnings"))
        ran.add("w3c")
    if kind == "opml":
        # feedparser does not read subscription lists.
        opml_problems, outlines = check_opml(data)
        notes.append("opml: %d outlines" % outlines)
        return problems + opml_problems, notes, ran | {"opml"}
    more, summary = run_feedparser(data, kind, options.require_entries, asks_for_summary(target))
    return problems + more, notes + [summary], ran | {"feedparser"}


def main(arguments):
    parser = argparse.ArgumentParser(add_help=False, usage=__doc__)
    parser.add_argument("targets", nargs="*")
    parser.add_argument("--no-validator", dest="validator", action="store_false")
    parser.add_argument("--require-entries", action="store_true")
    parser.add_argument("--quiet", action="store_true")
    parser.add_argument("-h", "--help", action="store_true")
    options, unknown = parser.parse_known_args(arguments)
    if options.help or not options.targets or unknown:
        if unknown:
            sys.stderr.write("check-feeds: unknown option %s\n" % " ".join(unknown))
        sys.stderr.write(__doc__)
        return 0 if options.help and not unknown else 2
    if shutil.which("xmllint") is None:
        sys.stderr.write("check-feeds: xmllint is missing; install it with scripts/install-test-tools.sh (Debian's libxml2-utils)\n")
        return 2
    if options.validator:
        load_validator()
    failed = 0
    counts = {"xmllint": 0, "w3c": 0, "feedparser": 0, "json": 0, "opml": 0}
    for target in options.targets:
        try:
            problems, notes, ran = check(target, options)
        except (OSError, ValueError) as error:
            problems, notes, ran = ["cannot read: %s" % error], [], set()
        for name in ran:
            counts[name] += 1
        if problems or not options.quiet:
            print("%s %s" % ("FAIL" if problems else "ok  ", target))
            for line in notes + problems:
                print("     " + line)
        failed += bool(problems)
    print("ran: xmllint on %d, W3C validator (AA) on %d%s, feedparser on %d, JSON Feed 1.1 rules on %d, OPML rules on %d" % (
        counts["xmllint"], counts["w3c"], "" if options.validator else " (skipped: --no-validator)", counts["feedparser"], counts["json"], counts["opml"]))
    total = len(options.targets)
    print("checked %d feeds: %d passed, %d failed" % (total, total - failed, failed))
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
