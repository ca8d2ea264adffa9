#!/usr/bin/env python3
"""Cross-checks the `.msg` files our tests write with Python's `extract_msg` (not in CI).

The test writer (`crates/mail/src/mail/msg/write.rs`) makes the `.msg` fixtures of the tests; if it
wrote something Outlook's format does not allow, our reader could agree with our writer and
both be wrong. This writes the fixture of the `.msg` tests through the test
`write_for_cross_check` (to a temporary path in `DEALGUARD_MSG_OUT`) and prints what an
independent reader makes of it: subject, sender, body, HTML body, attachments (an embedded
message by its own subject and body).

Needs: `pip install extract-msg`. Run from the repository root: `python3 scripts/msg-check.py`.
"""
import os
import subprocess
import sys
import tempfile

try:
    import extract_msg
except ImportError:
    sys.exit("needs `extract_msg`: pip install extract-msg")


def show(msg, indent=""):
    print(f"{indent}subject: {msg.subject!r}")
    print(f"{indent}sender: {msg.sender!r}")
    print(f"{indent}body: {msg.body!r}")
    html = msg.htmlBody
    print(f"{indent}html: {html.decode('gb2312', 'replace')[:200] if html else None!r}")
    headers = msg.header
    if headers is not None:
        print(f"{indent}header Reply-To: {headers.get('Reply-To')!r}")
        print(f"{indent}header Authentication-Results: {headers.get('Authentication-Results')!r}")
    for a in msg.attachments:
        data = a.data
        if hasattr(data, "subject"):
            print(f"{indent}attachment (message) {a.longFilename or a.shortFilename!r}:")
            show(data, indent + "  ")
        else:
            size = len(data) if data is not None else None
            print(f"{indent}attachment {a.longFilename!r} {a.mimetype!r} {size} bytes")


def main():
    with tempfile.TemporaryDirectory() as d:
        path = os.path.join(d, "fixture.msg")
        env = dict(os.environ, DEALGUARD_MSG_OUT=path)
        subprocess.run(
            ["cargo", "test", "-p", "dealguard-mail", "--lib", "mail::msg::tests::write_for_cross_check", "--quiet"],
            check=True,
            env=env,
            stdout=subprocess.DEVNULL,
        )
        with extract_msg.openMsg(path) as msg:
            show(msg)


if __name__ == "__main__":
    main()
