"""Reading pages as a browser would for the load test: the forms to post, and the links."""

import random
import re
from html.parser import HTMLParser
from urllib.parse import urlsplit


class Forms(HTMLParser):
    """The POST forms of a page: each an action path and the fields a browser would send."""

    def __init__(self, page_path: str):
        super().__init__()
        self.page_path = page_path
        self.forms: list[dict] = []
        self.select: list | None = None

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if tag == "form" and (attrs.get("method") or "").lower() == "post":
            action = urlsplit(attrs.get("action") or self.page_path).path
            self.forms.append({"action": action, "fields": {}, "options": {}, "buttons": []})
        elif not self.forms or "name" not in attrs:
            if tag == "option" and self.select is not None:
                self.select.append((attrs.get("value", ""), "selected" in attrs))
            return
        form, name = self.forms[-1], attrs.get("name")
        if tag == "button" or attrs.get("type") == "submit":
            form["buttons"].append((name, attrs.get("value", "")))
        elif tag == "input" and attrs.get("type") in ("checkbox", "radio"):
            form["options"].setdefault(name, []).append((attrs.get("value", "on"), False))
            if "checked" in attrs:
                form["fields"][name] = attrs.get("value", "on")
        elif tag in ("input", "textarea"):
            form["fields"][name] = attrs.get("value", "")
        elif tag == "select":
            self.select = form["options"].setdefault(name, [])

    def handle_endtag(self, tag):
        if tag == "select" and self.select is not None and self.forms:
            form = self.forms[-1]
            name = next(n for n, options in form["options"].items() if options is self.select)
            chosen = [value for value, selected in self.select if selected] or [
                value for value, _ in self.select[:1]
            ]
            form["fields"].setdefault(name, chosen[0] if chosen else "")
            self.select = None


def forms_of(response) -> list[dict]:
    parser = Forms(urlsplit(response.url).path)
    parser.feed(response.text)
    return parser.forms


def a_choice(form: dict, name: str) -> str:
    """Any non-empty option of a select, as a person picking one would."""
    return random.choice([value for value, _ in form["options"].get(name, []) if value] or [""])


def link_paths(html: str) -> list[str]:
    return [urlsplit(href).path for href in re.findall(r'href="([^"#]+)"', html)]
