// Load options for notification channels (watchable modules and events).
export {};
