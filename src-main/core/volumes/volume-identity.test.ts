import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { LoopDrive, loopMountSupport } from '../../../test/support/loop-drive.ts';
import { identifyVolume, isInside, mountFor, parseMountInfo, parseVolOutput, plistString, unescapeMountPath } from './volume-identity.ts';

const MOUNTINFO = [
  '22 1 253:1 / / rw,relatime shared:1 - ext4 /dev/vda1 rw',
  '40 22 0:35 / /media rw shared:20 - tmpfs tmpfs rw',
  '41 40 8:17 / /media/me/My\\040Drive rw,nosuid master:5 - vfat /dev/sdb1 rw,uid=1000',
  '42 40 8:33 / /media/me/My\\040Drive2 rw - exfat /dev/sdc1 rw',
  '43 22 0:50 / /mnt/nas rw - cifs //nas/photos\\040share rw',
].join('\n');

describe('mountinfo parsing (unit)', () => {
  it('unescapes \\040 and friends in mount points and sources', () => {
    assert.equal(unescapeMountPath('/a\\040b\\011c\\134d'), '/a b\tc\\d');
    const mounts = parseMountInfo(MOUNTINFO);
    assert.equal(mounts.length, 5);
    assert.deepEqual(mounts[2], { mountPoint: '/media/me/My Drive', source: '/dev/sdb1', fsType: 'vfat', device: '8:17' });
    assert.equal(mounts[4]?.source, '//nas/photos share');
  });

  it('picks the longest mount-point prefix by whole path segments', () => {
    const mounts = parseMountInfo(MOUNTINFO);
    assert.equal(mountFor('/media/me/My Drive/DCIM/1.jpg', mounts)?.source, '/dev/sdb1');
    assert.equal(mountFor('/media/me/My Drive2/x', mounts)?.source, '/dev/sdc1');
    assert.equal(mountFor('/media/me/My Drive', mounts)?.source, '/dev/sdb1');
    assert.equal(mountFor('/media/me/other', mounts)?.mountPoint, '/media');
    assert.equal(mountFor('/home/me', mounts)?.mountPoint, '/');
    assert.equal(isInside('/media/usb2', '/media/usb'), false);
    assert.equal(isInside('/media/usb/a', '/media/usb'), true);
  });

  it('reads macOS plists and Windows vol output (parsers only; those OSes are not tested here)', () => {
    const plist = '<dict><key>VolumeName</key><string>Holiday</string><key>VolumeUUID</key><string>ABCD-1</string></dict>';
    assert.equal(plistString(plist, 'VolumeName'), 'Holiday');
    assert.equal(plistString(plist, 'VolumeUUID'), 'ABCD-1');
    assert.deepEqual(parseVolOutput(' Volume in drive E is PHOTOS\r\n Volume Serial Number is 1A2B-3C4D\r\n'), { uuid: '1A2B-3C4D', label: 'PHOTOS' });
    assert.deepEqual(parseVolOutput(' Volume in drive E has no label.\r\n Volume Serial Number is 1A2B-3C4D\r\n'), { uuid: '1A2B-3C4D', label: null });
  });

  it('uses injected mountinfo text', async () => {
    const volume = await identifyVolume('/media/me/My Drive/DCIM', { mountInfo: async () => MOUNTINFO, withUuid: false, platform: 'linux' });
    assert.deepEqual(volume, { mountPoint: '/media/me/My Drive', uuid: null, label: null, source: '/dev/sdb1', fsType: 'vfat' });
  });
});

const support = loopMountSupport();
describe('identifyVolume on a REAL loop-mounted ext4 drive', { skip: support.ok ? false : support.reason }, () => {
  let dir = '';
  let drive: LoopDrive;
  before(() => {
    dir = mkdtempSync(join(tmpdir(), 'keepsake-identity-'));
    drive = new LoopDrive(join(dir, 'drive.img'), 'MY USB');
  });
  after(() => {
    drive?.dispose();
    rmSync(dir, { recursive: true, force: true });
  });

  it('finds mount point (with a space, \\040 in mountinfo), UUID and label', async () => {
    const at = join(dir, 'media', 'Holiday Drive');
    drive.mount(at);
    mkdirSync(join(at, 'DCIM', '100'), { recursive: true });
    const volume = await identifyVolume(join(at, 'DCIM', '100'));
    assert.equal(volume?.mountPoint, at);
    assert.equal(volume?.uuid, drive.uuid());
    assert.equal(volume?.label, 'MY USB');
    assert.equal(volume?.fsType, 'ext4');
    drive.unmount();
    const after = await identifyVolume(at);
    assert.notEqual(after?.mountPoint, at, 'once unmounted, the folder is on the parent filesystem');
    assert.notEqual(after?.uuid ?? null, drive.uuid());
  });
});
