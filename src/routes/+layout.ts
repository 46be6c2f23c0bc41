// Every page is prerendered to static files (adapter-static).
export const prerender = true;
