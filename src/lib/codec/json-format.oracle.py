"""Answers proto3 JSON parse requests with Google's json_format (Debian python3-protobuf).

Used by json-format.test.ts, started once per test batch:
    /usr/bin/python3 json-format.oracle.py DESCRIPTOR_SET < requests.jsonl
Each request line is {"type": "cv2x.v1.MessageFrame", "json": "<JSON text>"}; each answer line is
{"ok": true, "hex": "<serialized bytes>"} or {"ok": false, "error": "<why>"}, in request order.
"""
import json
import sys

from google.protobuf import descriptor_pb2, descriptor_pool, json_format, message_factory


def message_class(pool, name):
    desc = pool.FindMessageTypeByName(name)
    if hasattr(message_factory, "GetMessageClass"):
        return message_factory.GetMessageClass(desc)
    return message_factory.MessageFactory(pool).GetPrototype(desc)


def main():
    fds = descriptor_pb2.FileDescriptorSet()
    with open(sys.argv[1], "rb") as f:
        fds.ParseFromString(f.read())
    pool = descriptor_pool.DescriptorPool()
    for fd in fds.file:
        pool.AddSerializedFile(fd.SerializeToString())
    classes = {}
    out = []
    for line in sys.stdin:
        req = json.loads(line)
        name = req["type"]
        if name not in classes:
            classes[name] = message_class(pool, name)
        try:
            msg = json_format.Parse(req["json"], classes[name]())
            out.append({"ok": True, "hex": msg.SerializeToString().hex()})
        except Exception as e:  # any failure counts as a rejection
            out.append({"ok": False, "error": "%s: %s" % (type(e).__name__, str(e)[:300])})
    sys.stdout.write("".join(json.dumps(o) + "\n" for o in out))


if __name__ == "__main__":
    main()
