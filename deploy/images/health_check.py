#!/usr/bin/python3
"""grpc.health.v1.Health/Check against host:port for a service name, as kubelet's grpc probe
asks it. Prints the status; exit 0 when SERVING. Uses Debian's python3-grpcio; the messages are
encoded by hand (field 1 of each) because Debian ships no generated health stubs.
usage: health_check.py HOST:PORT [SERVICE] [TIMEOUT_SECONDS]"""
import sys

import grpc

NAMES = {0: "UNKNOWN", 1: "SERVING", 2: "NOT_SERVING", 3: "SERVICE_UNKNOWN"}


def main():
    target = sys.argv[1]
    service = sys.argv[2] if len(sys.argv) > 2 else ""
    timeout = float(sys.argv[3]) if len(sys.argv) > 3 else 2.0
    name = service.encode()
    request = (b"\x0a" + bytes([len(name)]) + name) if name else b""
    with grpc.insecure_channel(target) as channel:
        check = channel.unary_unary("/grpc.health.v1.Health/Check")
        try:
            response = check(request, timeout=timeout)
        except grpc.RpcError as error:
            print(f"unreachable: {error.code().name}")
            return 2
    status = response[1] if len(response) >= 2 and response[0] == 0x08 else 0
    print(NAMES.get(status, str(status)))
    return 0 if status == 1 else 1


if __name__ == "__main__":
    sys.exit(main())
