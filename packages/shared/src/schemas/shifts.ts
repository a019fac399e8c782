/** Request and response schemas of the shifts module. */
export {};
