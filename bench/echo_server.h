#pragma once

// A bare gRPC server speaking yjinspect.v1.CaseIntake whose CreateCase
// returns the case it was sent, storing nothing and checking nothing: the
// cost of gRPC itself with the intake service's own messages, threads and
// transport, against which the real CreateCase is measured.

#include <memory>
#include <string>

#include "grpcpp/grpcpp.h"
#include "yjinspect/v1/intake_service.grpc.pb.h"

namespace yjinspect::bench {

class EchoServer {
 public:
  // Listens on 127.0.0.1 on a free port.
  EchoServer();
  ~EchoServer();
  std::string address() const { return "127.0.0.1:" + std::to_string(port_); }

 private:
  class Service final : public v1::CaseIntake::CallbackService {
    grpc::ServerUnaryReactor* CreateCase(grpc::CallbackServerContext* context,
                                         const v1::CreateCaseRequest* request,
                                         v1::Case* response) override;
  };
  Service service_;
  std::unique_ptr<grpc::Server> server_;
  int port_ = 0;
};

}  // namespace yjinspect::bench
