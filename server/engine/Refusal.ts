import { ERROR_CODES, type ErrorCode } from "../../shared/protocol.js";

/**
 * Thrown by a command handler to refuse a command. Handlers check everything
 * before they change anything, so a refusal never leaves a half-applied
 * document behind.
 */
export class Refusal extends Error {
  readonly code: ErrorCode;

  constructor(code: ErrorCode, message: string = ERROR_CODES[code]) {
    super(message);
    this.code = code;
  }
}
