// Built when the site is built (prerendered): the reference comes from the generated schema.
import { buildReference } from '$lib/reference/model';

export const prerender = true;

export function load() {
	return { reference: buildReference() };
}
