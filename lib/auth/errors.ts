/** Thrown by authorize(); each adapter turns it into a redirect, a 404, a refusal or a 401/403. */
export class AccessDenied extends Error {
  constructor(readonly reason: 'signed-out' | 'forbidden') {
    super(reason === 'signed-out' ? 'Not signed in' : 'Not allowed')
    this.name = 'AccessDenied'
  }
}
