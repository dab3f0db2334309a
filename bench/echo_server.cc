#include "bench/echo_server.h"

namespace yjinspect::bench {

grpc::ServerUnaryReactor* EchoServer::Service::CreateCase(
    grpc::CallbackServerContext* context, const v1::CreateCaseRequest* request,
    v1::Case* response) {
  *response = request->case_();
  grpc::ServerUnaryReactor* reactor = context->DefaultReactor();
  reactor->Finish(grpc::Status::OK);
  return reactor;
}

EchoServer::EchoServer() {
  grpc::ServerBuilder builder;
  builder.AddListeningPort("127.0.0.1:0", grpc::InsecureServerCredentials(),
                           &port_);
  builder.RegisterService(&service_);
  server_ = builder.BuildAndStart();
}

EchoServer::~EchoServer() { server_->Shutdown(); }

}  // namespace yjinspect::bench
