import { Webhook } from 'standardwebhooks';
import { describe, expect, it } from 'vitest';
import { isBlockedAddress, signatureHeaders } from '../../engine/dispatch/index.js';

describe('Standard Webhooks signatures', () => {
  it('match the specification test vector', () => {
    const headers = signatureHeaders('msg_p5jXN8AQM9LWM0D4loKWxJek', '{"test": 2432232314}', 'whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw', new Date(1614265330 * 1000));
    expect(headers).toEqual({
      'webhook-id': 'msg_p5jXN8AQM9LWM0D4loKWxJek',
      'webhook-timestamp': '1614265330',
      'webhook-signature': 'v1,g0hM9SsE+OTPJTGt/tmIKtSyZlE3uFJELVlNIOLJ1OE=',
    });
  });

  it('verify with the standardwebhooks library, and fail when the body changes', () => {
    const secret = 'whsec_' + Buffer.from('a-very-secret-key-for-tests').toString('base64');
    const body = JSON.stringify({ hello: 'world' });
    const headers = signatureHeaders('msg_1', body, secret, new Date());
    expect(new Webhook(secret).verify(body, headers)).toEqual({ hello: 'world' });
    expect(() => new Webhook(secret).verify(body.replace('world', 'there'), headers)).toThrow(/signature/i);
  });
});

describe('blocked destination addresses', () => {
  it('blocks loopback, private, link-local, CGNAT and metadata ranges by CIDR', () => {
    for (const address of ['127.0.0.1', '127.9.9.9', '10.0.0.1', '172.16.0.1', '172.31.255.255', '192.168.1.1', '169.254.169.254', '100.64.0.1', '100.127.255.254', '0.0.0.0', '::1', '::', 'fe80::1', 'fd00:ec2::254', '::ffff:127.0.0.1', '::ffff:10.0.0.1', 'not-an-ip']) {
      expect(isBlockedAddress(address), address).toBe(true);
    }
  });
  it('lets public addresses through, including look-alikes of private ranges', () => {
    for (const address of ['8.8.8.8', '172.32.0.1', '100.128.0.1', '11.0.0.1', '2606:4700::1111', '::ffff:8.8.8.8']) {
      expect(isBlockedAddress(address), address).toBe(false);
    }
  });
});
