// Tests and scripts run outside Next's react-server layer; "server-only" is a no-op there.
export {};
