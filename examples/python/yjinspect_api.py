"""Calling the yjinspect.v1 services from Python without generated code.

The message classes are built at run time from the API's descriptor set
(proto/gen/yjinspect_api.binpb in a build, made by the build's own protoc),
and each method is called through grpc's generic
channel.unary_unary(path, serializer, deserializer). Why not generated
stubs: Debian's python3-grpc-tools (1.14) bundles protoc 3.5, four years
older than the python3-protobuf runtime (3.21) it would have to match, and
generating google/rpc and google/type modules beside Debian's google.protobuf
package is fragile. The descriptor set comes from the same protoc release as
the runtime, and needs nothing but python3-grpcio and python3-protobuf.

Standard library, grpc and protobuf only.
"""

import json
import uuid

import grpc
from google.protobuf import descriptor_pb2, descriptor_pool, message_factory

DETAILS_KEY = "grpc-status-details-bin"


class Api:
    """Message classes and method paths of one descriptor set."""

    def __init__(self, descriptor_set_path):
        file_set = descriptor_pb2.FileDescriptorSet()
        with open(descriptor_set_path, "rb") as f:
            file_set.ParseFromString(f.read())
        # A pool of its own: the default pool may already hold other
        # versions of google/protobuf/*.proto.
        self.pool = descriptor_pool.DescriptorPool()
        for file_proto in file_set.file:
            self.pool.Add(file_proto)
        self._factory = message_factory.MessageFactory(self.pool)

    def message(self, full_name):
        """The class of message `full_name` ("yjinspect.v1.Case")."""
        return self._factory.GetPrototype(
            self.pool.FindMessageTypeByName(full_name))

    def method(self, channel, full_name):
        """A callable for unary method `full_name`
        ("yjinspect.v1.CaseIntake.CreateCase")."""
        method = self.pool.FindMethodByName(full_name)
        path = f"/{method.containing_service.full_name}/{method.name}"
        return channel.unary_unary(
            path,
            request_serializer=lambda m: m.SerializeToString(),
            response_deserializer=self.message(
                method.output_type.full_name).FromString)

    def error_details(self, error):
        """The google.rpc error details of a failed call, decoded:
        [(type name, message)], empty when there are none."""
        for key, value in error.trailing_metadata() or ():
            if key == DETAILS_KEY:
                status = self.message("google.rpc.Status").FromString(value)
                details = []
                for any_detail in status.details:
                    name = any_detail.type_url.rsplit("/", 1)[-1]
                    detail = self.message(name)()
                    any_detail.Unpack(detail)
                    details.append((name, detail))
                return details
        return []

    def describe(self, error):
        """One line per problem of a failed call: the code and message, the
        ErrorInfo reason and each BadRequest field violation."""
        lines = [f"{error.code().name}: {error.details()}"]
        for name, detail in self.error_details(error):
            if name == "google.rpc.ErrorInfo":
                lines.append(f"  reason {detail.reason} ({detail.domain})")
            elif name == "google.rpc.BadRequest":
                for v in detail.field_violations:
                    lines.append(f"  {v.field}: {v.description}")
        return "\n".join(lines)


def open_channel(address, service_config_path=None, ca=None, cert=None,
                 key=None):
    """A channel to `address`: mutual TLS when the CA, certificate and key
    are given, else plaintext (a service started with --insecure). With the
    shipped service config (deploy/service-config.json) gRPC retries the
    methods safe to retry on UNAVAILABLE and caps each method's timeout."""
    options = [("grpc.enable_retries", 1)]
    if service_config_path:
        with open(service_config_path, encoding="utf-8") as f:
            # Parsed first, so that a broken file fails here and not as
            # a channel that never connects.
            options.append(("grpc.service_config", json.dumps(json.load(f))))
    if ca or cert or key:
        if not (ca and cert and key):
            raise ValueError("mutual TLS needs the CA, certificate and key")
        with open(ca, "rb") as c, open(cert, "rb") as p, open(key, "rb") as k:
            credentials = grpc.ssl_channel_credentials(
                root_certificates=c.read(), private_key=k.read(),
                certificate_chain=p.read())
        return grpc.secure_channel(address, credentials, options=options)
    return grpc.insecure_channel(address, options=options)


def call_metadata(actor=None):
    """What each call carries: a new x-request-id, which the services log
    and audit, and (only on --insecure services) who acts."""
    metadata = [("x-request-id", str(uuid.uuid4()))]
    if actor:
        metadata.append(("x-yjinspect-actor", actor))
    return metadata
