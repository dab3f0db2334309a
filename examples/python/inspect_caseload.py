#!/usr/bin/python3
"""A YOT caseload from submission to verdicts, as an integrator's client.

  inspect_caseload.py --descriptor-set build/release/proto/gen/yjinspect_api.binpb \
      --service-config deploy/service-config.json \
      --intake 127.0.0.1:50051 --findings 127.0.0.1:50052 \
      (--ca ca.pem --cert me.pem --key me.key | --insecure --actor lead-1)

Submits a small synthetic caseload with CreateCase (each with a request_id,
so that running it again stores nothing twice), shows that a retry returns
the stored case and how a refusal's details read, lists the caseload a page
at a time, creates an inspection, draws its sample, waits until the
findings service holds every sampled case, records synthetic judgements for
each, and prints the verdicts. Over mutual TLS the certificate must be a
lead inspector's assigned to the inspection (docs/security.md), since one
caller takes every step here.

Exit code 0 on success, 1 when a call fails (its code, reason and field
violations on stderr).
"""

import argparse
import sys
import time
import uuid

import grpc
from google.protobuf import json_format

from synthetic_caseload import case_json
from yjinspect_api import Api, call_metadata, open_channel

V1 = "yjinspect.v1"
INSPECTOR = "INSP-01"


class Session:
    """The two channels, the API, and one way to call a method."""

    def __init__(self, args):
        self.api = Api(args.descriptor_set)
        tls = dict(ca=args.ca, cert=args.cert, key=args.key)
        self.channels = {
            "intake": open_channel(args.intake, args.service_config, **tls),
            "findings": open_channel(args.findings, args.service_config,
                                     **tls),
        }
        self.actor = args.actor

    def call(self, where, method, request, timeout=30):
        """Calls `method` ("CaseIntake.CreateCase") on `where`'s channel.
        `request` is the request's JSON mapping (a dict). Every call has a
        deadline: the shipped service config caps it too."""
        stub = self.api.method(self.channels[where], f"{V1}.{method}")
        request_class = self.api.message(
            self.api.pool.FindMethodByName(f"{V1}.{method}")
            .input_type.full_name)
        message = json_format.ParseDict(request, request_class())
        return stub(message, timeout=timeout,
                    metadata=call_metadata(self.actor))


def request_id(*parts):
    """The same request always gets the same id (AIP-155), so a rerun or a
    retry after a lost answer returns the first answer."""
    return str(uuid.uuid5(uuid.NAMESPACE_URL, "/".join(parts)))


def submit_caseload(s, args):
    parent = f"yots/{args.yot}"
    first = None
    for i in range(1, args.cases + 1):
        case_id = f"SYN-{i:04d}"
        request = {"parent": parent, "case_id": case_id,
                   "case": case_json(i, args.yot_name),
                   "request_id": request_id(parent, case_id)}
        stored = s.call("intake", "CaseIntake.CreateCase", request)
        first = first or (request, stored)
    print(f"submitted {args.cases} cases to {parent}")

    # A retry with the same request_id (an answer lost on the way) gets the
    # stored case back; nothing is stored twice.
    request, stored = first
    again = s.call("intake", "CaseIntake.CreateCase", request)
    same = again.name == stored.name and again.etag == stored.etag
    print(f"CreateCase again with the same request_id: {again.name}, "
          f"{'the stored case' if same else 'A DIFFERENT CASE'}")
    if not same:
        raise SystemExit("idempotency broken")

    # A refusal: INVALID_ARGUMENT names each bad field in a BadRequest.
    bad = case_json(0, args.yot_name)
    bad["child"]["age_at_sentence"] = 99
    try:
        s.call("intake", "CaseIntake.CreateCase",
               {"parent": parent, "case_id": "SYN-BAD", "case": bad})
        raise SystemExit("a case aged 99 was accepted")
    except grpc.RpcError as error:
        print("refused as expected: " + s.api.describe(error))


def list_caseload(s, args):
    # Lists page: follow next_page_token until it is empty.
    request = {"parent": f"yots/{args.yot}", "page_size": args.page_size}
    cases, pages = 0, 0
    while True:
        page = s.call("intake", "CaseIntake.ListCases", request)
        cases += len(page.cases)
        pages += 1
        if not page.next_page_token:
            break
        request["page_token"] = page.next_page_token
    print(f"listed {cases} cases of yots/{args.yot} in {pages} pages "
          f"of at most {args.page_size}")


def create_inspection_with_sample(s, args):
    request = {
        "inspection_id": args.inspection,
        "inspection": {
            "yot": f"yots/{args.yot}",
            "yot_display_name": args.yot_name,
            "framework_id": "sqs-2014",
            "framework_version": "1",
            "announcement_date": {"year": 2014, "month": 12, "day": 1},
            "fieldwork_start_date": {"year": 2014, "month": 12, "day": 15},
            "fieldwork_end_date": {"year": 2014, "month": 12, "day": 17},
        },
        "request_id": request_id("inspections", args.inspection),
    }
    inspection = s.call("intake", "CaseIntake.CreateInspection", request)
    if not inspection.HasField("sample"):
        # Drawn once: a redraw would replace the sample (DrawSample is
        # not retried by the service config for that reason).
        inspection = s.call("intake", "CaseIntake.DrawSample",
                            {"name": inspection.name, "seed": 2014})
    sample = inspection.sample
    print(f"inspection {inspection.name}: sample of {sample.sample_size} "
          f"from {sample.frame_size} eligible cases (revision "
          f"{sample.revision})")
    return inspection


def await_findings(s, inspection, wait_seconds):
    """The findings service follows intake's change log: wait (with a
    limit) until it holds every sampled case."""
    sample = inspection.sample
    give_up = time.monotonic() + wait_seconds
    while True:
        try:
            progress = s.call("findings", "Findings.GetInspectionProgress",
                              {"inspection": inspection.name}, timeout=5)
            if (progress.sample_revision == sample.revision
                    and progress.cases_received == sample.sample_size):
                print(f"findings holds all {sample.sample_size} sampled "
                      "cases")
                return
        except grpc.RpcError as error:
            if error.code() != grpc.StatusCode.NOT_FOUND:  # not arrived yet
                raise
        if time.monotonic() > give_up:
            raise SystemExit("the findings service did not receive the "
                             f"sample within {wait_seconds} s")
        time.sleep(0.2)


def synthetic_answers(framework, case_index):
    """An answer to every case criterion that applies to court disposals:
    mostly the scale's first (positive) value, the second for every third
    case's odd criteria, so that the verdicts are not all the same."""
    scales = {scale.id: scale for scale in framework.scales}
    answers = []
    for section in framework.sections:
        if section.evidence != 1:  # EVIDENCE_SOURCE_CASES
            continue
        if section.scope not in (1, 2):  # all cases, court disposals
            continue
        for n, criterion in enumerate(section.criteria):
            values = scales[criterion.scale].values
            negative = case_index % 3 == 0 and n % 2 == 1
            answers.append({"criterion_id": criterion.id,
                            "answer": values[1 if negative else 0].id})
    return answers


def record_judgements(s, inspection):
    framework = s.call(
        "intake", "Frameworks.GetFramework",
        {"name": f"frameworks/{inspection.framework_id}/versions/"
                 f"{inspection.framework_version}"}).framework
    for i, case in enumerate(inspection.sample.cases):
        request = {"inspection": inspection.name, "case": case,
                   "judgements": synthetic_answers(framework, i),
                   "inspector_reference": INSPECTOR}
        # Every recording after the first carries the etag last read;
        # the same answers again change nothing.
        try:
            current = s.call("findings", "Findings.GetCaseFindings",
                             {"name": f"{inspection.name}/caseFindings/"
                                      f"{case.rsplit('/', 1)[-1]}"})
            request["etag"] = current.etag
        except grpc.RpcError as error:
            if error.code() != grpc.StatusCode.NOT_FOUND:
                raise
        s.call("findings", "Findings.RecordJudgements", request)
    print(f"recorded judgements for {len(inspection.sample.cases)} cases "
          f"against {framework.id} version {inspection.framework_version}")


def print_verdicts(s, inspection):
    verdicts = s.call("findings", "Findings.GetVerdicts",
                      {"inspection": inspection.name})
    status = s.api.pool.FindEnumTypeByName(f"{V1}.RatingStatus")
    for section in verdicts.sections:
        rating = section.final_rating or section.computed_rating or "-"
        print(f"verdict {section.section_id} {section.title}: "
              f"{section.percent}% of {section.cases_in_scope} cases, "
              f"{rating} ({status.values_by_number[section.status].name})")
    overall = verdicts.overall
    print(f"overall: "
          f"{overall.final_rating or overall.computed_rating or '-'} "
          f"({status.values_by_number[overall.status].name})")


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--descriptor-set", required=True,
                        help="proto/gen/yjinspect_api.binpb of a build")
    parser.add_argument("--service-config",
                        help="deploy/service-config.json: retries, timeouts")
    parser.add_argument("--intake", default="127.0.0.1:50051")
    parser.add_argument("--findings", default="127.0.0.1:50052")
    parser.add_argument("--ca", help="PEM CA bundle of the services")
    parser.add_argument("--cert", help="PEM client certificate")
    parser.add_argument("--key", help="PEM key of the client certificate")
    parser.add_argument("--insecure", action="store_true",
                        help="plaintext, for services run with --insecure")
    parser.add_argument("--actor", default="lead-1",
                        help="who acts, on --insecure services only")
    parser.add_argument("--yot", default="synthetic")
    parser.add_argument("--yot-name", default="Synthetic Youth Justice Service")
    parser.add_argument("--inspection", default="synthetic-2014-12")
    parser.add_argument("--cases", type=int, default=20)
    parser.add_argument("--page-size", type=int, default=8)
    parser.add_argument("--wait-seconds", type=float, default=60)
    args = parser.parse_args()
    if args.insecure == bool(args.ca or args.cert or args.key):
        parser.error("give either --ca, --cert and --key, or --insecure")
    if not args.insecure:
        args.actor = None  # the certificate says who acts

    s = Session(args)
    try:
        submit_caseload(s, args)
        list_caseload(s, args)
        inspection = create_inspection_with_sample(s, args)
        await_findings(s, inspection, args.wait_seconds)
        record_judgements(s, inspection)
        print_verdicts(s, inspection)
    except grpc.RpcError as error:
        print("error: " + s.api.describe(error), file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
