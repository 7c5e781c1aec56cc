"""What the command modules share (``cli``, ``cli_search``, ``screening_cli``): the protocol
a command runs under and JSON on standard output."""

from __future__ import annotations

import argparse
import json
import sys
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from diaspora_atlas.protocol import Protocol


def print_json(data: object) -> None:
    sys.stdout.write(json.dumps(data, indent=2, ensure_ascii=False) + "\n")


def protocol_of(args: argparse.Namespace) -> Protocol:
    """The protocol of --protocol, else of the setting DIASPORA_ATLAS_PROTOCOL; loaded (and
    validated) before anything else runs, so a bad protocol changes nothing."""
    from diaspora_atlas.protocol import load_protocol

    return load_protocol(args.protocol)
