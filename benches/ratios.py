#!/usr/bin/env python3
"""The tables of docs/performance.md from criterion's results (target/criterion).

    python3 benches/ratios.py [TARGET_DIR]

Reads the median of each benchmark's last run (`new/estimates.json`) and prints markdown:
end-to-end requests/s of the SDK and of the bare library with the ratio SDK/bare, request
build times, and parse times with the ratio SDK/bare serde.
"""
import json
import os
import sys

root = os.path.join(sys.argv[1] if len(sys.argv) > 1 else "target", "criterion")


def median_ns(group, bench):
    path = os.path.join(root, group, bench, "new", "estimates.json")
    try:
        with open(path) as f:
            return json.load(f)["median"]["point_estimate"]
    except FileNotFoundError:
        return None


def e2e():
    print("| endpoint | client | SDK req/s | bare req/s | SDK/bare |")
    print("|---|---|---|---|---|")
    for group, label in [
        ("e2e_get_profile", "get-profile"),
        ("e2e_events_100", "100-event page"),
    ]:
        for client, sdk, bare in [
            ("async (hyper), sequential", "hyper_sdk_seq", "hyper_bare_seq"),
            ("async (hyper), 16 in flight", "hyper_sdk_x16", "hyper_bare_x16"),
            ("blocking (ureq), sequential", "ureq_sdk_seq", "ureq_bare_seq"),
            ("blocking (ureq), host `localhost`", "ureq_sdk_localhost_seq", "ureq_bare_localhost_seq"),
        ]:
            s, b = median_ns(group, sdk), median_ns(group, bare)
            if s is None or b is None:
                continue
            print(f"| {label} | {client} | {1e9 / s:,.0f} | {1e9 / b:,.0f} | {b / s:.3f} |")
    for label, sdk, bare in [
        ("get-profile", "get_profile_hyper_sdk_seq", "get_profile_hyper_bare_seq"),
        ("100-event page", "events_100_hyper_sdk_seq", "events_100_hyper_bare_seq"),
    ]:
        s, b = median_ns("e2e_fake", sdk), median_ns("e2e_fake", bare)
        if s is not None and b is not None:
            print(f"| {label} (linode-fake) | async (hyper), sequential | {1e9 / s:,.0f} | {1e9 / b:,.0f} | {b / s:.3f} |")


def sans_io():
    print("| request built | median |")
    print("|---|---|")
    for bench in ["get_profile", "list_events_page_filter", "create_ssh_key"]:
        t = median_ns("build", bench)
        if t is not None:
            print(f"| {bench} | {t:,.0f} ns |")
    print()
    print("| response parsed | SDK | bare serde_json | SDK/bare (time) |")
    print("|---|---|---|---|")
    for prefix, how in [("parse_", "response built in the timed loop"), ("parse_prebuilt_", "response built outside")]:
        for name in ["get_profile", "events_100", "events_500", "user_grants"]:
            s, b = median_ns(prefix + name, "linode"), median_ns(prefix + name, "bare_serde")
            if s is None or b is None:
                continue
            print(f"| {name} ({how}) | {fmt(s)} | {fmt(b)} | {s / b:.3f} |")


def fmt(ns):
    return f"{ns / 1000:,.2f} us" if ns < 1e6 else f"{ns / 1e6:,.3f} ms"


e2e()
print()
sans_io()
