#!/usr/bin/env python3
"""The human texts of a rules file name no internal ids.

A rule's `because`, `why_not` and `because_customer` texts are read by people who do not know the
file's vocabulary; the answers behind a reason are listed beside it anyway. This check fails when
such a text contains, as a word, the id of a question, checklist or fact that has an underscore
(e.g. `controls_months`, `type2_required`).

usage: plain_rule_texts.py RULES.yaml
"""
import re
import sys

try:
    import yaml
except ImportError:
    sys.stderr.write("plain_rule_texts.py: python3-yaml is not installed; skipped\n")
    sys.exit(77)

TEXT_KEYS = ("because", "why_not", "because_customer")


def main(argv):
    if len(argv) != 2:
        sys.stderr.write("usage: plain_rule_texts.py RULES.yaml\n")
        return 2
    with open(argv[1], encoding="utf-8") as f:
        doc = yaml.safe_load(f)
    ids = set()
    for section in ("questions", "checklists", "facts"):
        for entry in doc.get(section) or []:
            ident = entry.get("id")
            if isinstance(ident, str) and "_" in ident:
                ids.add(ident)
    if not ids:
        sys.stderr.write("%s: no question or fact id with an underscore found\n" % argv[1])
        return 1
    # an id as a word: not part of a longer identifier
    pattern = re.compile(r"(?<![A-Za-z0-9_])(" + "|".join(sorted(map(re.escape, ids))) +
                         r")(?![A-Za-z0-9_])")
    problems = 0
    rules = doc.get("rules") or []
    for rule in rules:
        for key in TEXT_KEYS:
            text = rule.get(key)
            if not isinstance(text, str):
                continue
            found = sorted(set(pattern.findall(text)))
            if found:
                print("rule %s: %s names %s" % (rule.get("id"), key, ", ".join(found)))
                problems += 1
    if problems:
        print("%d rule text(s) name internal ids; write them in plain words" % problems)
        return 1
    print("%d rules: no because, why_not or because_customer text names an internal id" %
          len(rules))
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
