/**
 * The server's own error codes: why it refused to start or to load its configuration. These
 * never travel over HTTP (API answers use the contract's API_ERROR_CODES); the CLI reports
 * them to the person who started the server.
 */
export const SERVER_ERROR_CODES = {
  api_key_required: 'Listening beyond loopback needs API keys; create one or bind to 127.0.0.1.',
  invalid_monitors_file:
    'The monitors YAML file cannot be read or is invalid; the message names the line and field.',
} as const;

export type ServerErrorCode = keyof typeof SERVER_ERROR_CODES;
