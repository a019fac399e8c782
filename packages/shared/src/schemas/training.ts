/** Request and response schemas of the training module. */
export {};
