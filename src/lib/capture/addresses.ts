// Stable IPv4 addresses for node names within one capture: the cloud is 10.0.0.1, roadside
// units 10.2.x.y, everything else (vehicles, pedestrians, cyclists) 10.1.x.y, numbered in order
// of first appearance. Past 65,534 such nodes the numbering goes on in 10.3.x.y, 10.4.x.y, ...
import { nodeKindOfName } from '../sim/nodes';
import { CaptureError } from './errors';

export const CLOUD_ADDRESS = 0x0a000001;
export const BROADCAST_ADDRESS = 0xffffffff;
/** Destination of a Uu downlink whose receiver is unknown (it was lost). */
export const UNKNOWN_ADDRESS = 0;

const HOSTS_PER_NET = 65534; // x.y from 0.1 to 255.254; 255.255 would be the /16 broadcast

export class AddressPlan {
	private readonly byName = new Map<string, number>();
	private rsus = 0;
	private others = 0;

	/** The address of a node, allocating the next one of its kind on first sight. */
	assign(name: string): number {
		const known = this.byName.get(name);
		if (known !== undefined) return known;
		let a: number;
		const kind = nodeKindOfName(name);
		if (kind === 'cloud') a = CLOUD_ADDRESS;
		else if (kind === 'rsu') {
			if (this.rsus >= HOSTS_PER_NET) throw new CaptureError(`more than ${HOSTS_PER_NET} roadside units: 10.2.0.0/16 is full`);
			a = host(2, ++this.rsus);
		} else {
			const n = this.others++;
			const net = n < HOSTS_PER_NET ? 1 : 2 + Math.floor(n / HOSTS_PER_NET);
			if (net > 255) throw new CaptureError('too many nodes for the 10.0.0.0/8 address plan');
			a = host(net, (n % HOSTS_PER_NET) + 1);
		}
		this.byName.set(name, a);
		return a;
	}

	get(name: string): number | undefined {
		return this.byName.get(name);
	}

	/** Every node and its address, in order of first appearance. */
	entries(): [string, number][] {
		return [...this.byName.entries()];
	}
}

function host(net: number, n: number): number {
	return ((10 << 24) | (net << 16) | n) >>> 0;
}

export function formatIpv4(a: number): string {
	return `${a >>> 24}.${(a >>> 16) & 255}.${(a >>> 8) & 255}.${a & 255}`;
}
