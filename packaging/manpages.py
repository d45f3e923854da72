#!/usr/bin/env python3
"""Writes hostcheck's man pages with swift-argument-parser's generate-manual tool, from the command
definitions of one built binary (scripts/release.sh runs it; docs/install.md).

generate-manual runs `TOOL --experimental-dump-help` and renders the JSON as mdoc: hostcheck.1
and, with --multi-page, one page per subcommand (hostcheck.check.1, ...). Two things are done
around it:

- The JSON is read here first and handed to generate-manual through a two-line stand-in TOOL.
  Text the binary wrapped at 80 columns (a raw line break and indentation inside a JSON string,
  which strict JSON refuses) is read leniently and joined again, with a notice: the man page is
  filled by the formatter, so those breaks carry nothing.
- generate-manual's EXIT STATUS is mdoc's `.Ex -std` ("exits 0 on success, and >0 if an error
  occurs"), which is wrong for hostcheck (1 means a rule failed). The codes are read from the
  "Exit codes:" block of the top command's discussion (the block `hostcheck --help` prints)
  and listed instead, on every page; that block leaves the DESCRIPTION, where the formatter
  would run its columns together.
- A subcommand's page is named the way git names them, hostcheck-check.1 (`man hostcheck-check`),
  not generate-manual's hostcheck.check.1: the NAME line must be one word for whatis/apropos
  (lexgrog), while the SYNOPSIS still shows `hostcheck check`. The one-line description loses
  its quotes, which whatis would show.
- An "Examples:" block of a command's discussion (indented command lines up to a blank line)
  becomes an EXAMPLES section shown as typed, instead of a filled paragraph.

Usage: packaging/manpages.py GENERATE_MANUAL BIN OUTDIR DATE(yyyy-mm-dd) AUTHOR
"""
import json
import os
import re
import stat
import subprocess
import sys
import tempfile

CODE = re.compile(r"(\d{1,3})\s+(.+?)(?=\s{2,}\d{1,3}\s|\s*$)")


def joined(value):
    """Every string with its wrapped line breaks (a break and the indentation after it) joined."""
    if isinstance(value, str):
        return re.sub(r"\n[ \t]+", " ", value)
    if isinstance(value, list):
        return [joined(item) for item in value]
    if isinstance(value, dict):
        return {key: joined(item) for key, item in value.items()}
    return value


def take_block(command, title):
    """Takes the block headed `title` (up to a blank line) out of the command's discussion."""
    lines = (command.get("discussion") or "").split("\n")
    start = next((i for i, line in enumerate(lines) if line.strip() == title), None)
    if start is None:
        return []
    end = start + 1
    while end < len(lines) and lines[end].strip():
        end += 1
    rest = "\n".join(lines[:start] + lines[end:]).strip()
    if rest:
        command["discussion"] = rest
    else:
        command.pop("discussion", None)
    return lines[start + 1:end]


def exit_codes(command):
    """Takes the "Exit codes:" block out of the command's discussion; returns [(code, meaning)]."""
    codes = []
    for line in take_block(command, "Exit codes:"):
        codes.extend((code, meaning.strip()) for code, meaning in CODE.findall(line.strip()))
    return codes


def examples(command, found):
    """Takes every command's "Examples:" block out; found[page name] = its lines, dedented."""
    lines = take_block(command, "Examples:")
    if lines:
        indent = min(len(line) - len(line.lstrip()) for line in lines)
        name = ".".join((command.get("superCommands") or []) + [command["commandName"]])
        found[name] = [line[indent:] for line in lines]
    for sub in command.get("subcommands") or []:
        examples(sub, found)


def literal(lines):
    """An mdoc display of `lines` as typed: backslashes escaped, no line read as a request."""
    return [".Sh EXAMPLES\n", ".Bd -literal -offset indent\n"] + [
        "\\&" + line.replace("\\", "\\e") + "\n" for line in lines] + [".Ed\n"]


def exit_status(codes):
    if not codes:
        return ['Run\n', '.Nm hostcheck Fl -help\n', 'for the exit codes.\n']
    lines = [".Bl -tag -width 4n\n"]
    for code, meaning in codes:
        lines += [f".It {code}\n", meaning[0].upper() + meaning[1:] + ".\n"]
    return lines + [".El\n"]


def page_line(line, renamed):
    """One mdoc line with the subcommand pages' new names and an unquoted description."""
    if line.startswith(".Xr "):
        parts = line.split(" ")
        parts[1] = renamed.get(parts[1], parts[1])
        return " ".join(parts)
    if line.startswith(".Dt "):
        title, section = line[4:].rsplit(" ", 1)
        return f".Dt {title.replace('.', '-')} {section}"
    if line.startswith('.Nd "') and line.endswith('"\n'):
        return ".Nd " + line[5:-2] + "\n"
    return line


def main() -> int:
    if len(sys.argv) != 6:
        print(__doc__.strip().splitlines()[-1], file=sys.stderr)
        return 64
    manual, binary, outdir, date, author = sys.argv[1:]
    raw = subprocess.run([binary, "--experimental-dump-help"], capture_output=True, check=True,
                         text=True).stdout
    try:
        info = json.loads(raw)
    except ValueError:
        info = json.loads(raw, strict=False)
        print("manpages.py: notice: `hostcheck --experimental-dump-help` wraps text inside JSON "
              "strings (raw line breaks); read leniently", file=sys.stderr)
    codes = exit_codes(info["command"])
    shown = {}
    examples(info["command"], shown)
    info = joined(info)
    with tempfile.TemporaryDirectory() as work:
        dump = os.path.join(work, "dump.json")
        with open(dump, "w", encoding="utf-8") as out:
            json.dump(info, out)
        tool = os.path.join(work, "hostcheck")
        with open(tool, "w", encoding="utf-8") as out:
            out.write(f"#!/bin/sh\nexec cat '{dump}'\n")
        os.chmod(tool, stat.S_IRWXU)
        subprocess.run([manual, tool, "--multi-page", "--section", "1", "--date", date,
                        "--authors", author, "--output-directory", outdir], check=True)
    pages = sorted(name for name in os.listdir(outdir) if name.endswith(".1"))
    if "hostcheck.1" not in pages:
        print("manpages.py: generate-manual wrote no hostcheck.1", file=sys.stderr)
        return 70
    renamed = {name[:-2]: name[:-2].replace(".", "-") for name in pages}
    for name in pages:
        path = os.path.join(outdir, name)
        with open(path, encoding="utf-8") as page:
            lines = [page_line(line, renamed) for line in page.readlines()]
        command = name[:-2].replace(".", " ")
        if " " in command:
            lines[lines.index(f'.Nm "{command}"\n')] = f".Nm {renamed[name[:-2]]}\n"
            synopsis = lines.index(".Sh SYNOPSIS\n")
            lines[synopsis + 1] = f'.Nm "{command}"\n'
        if ".Ex -std\n" not in lines:
            print(f"manpages.py: {name} has no `.Ex -std` to replace", file=sys.stderr)
            return 70
        at = lines.index(".Ex -std\n")
        lines[at:at + 1] = exit_status(codes)
        if name[:-2] in shown:
            at = lines.index('.Sh "EXIT STATUS"\n')
            lines[at:at] = literal(shown[name[:-2]])
        os.remove(path)
        with open(os.path.join(outdir, renamed[name[:-2]] + ".1"), "w", encoding="utf-8") as page:
            page.writelines(lines)
    print(f"manpages.py: {len(pages)} pages, {len(codes)} exit codes", file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())
