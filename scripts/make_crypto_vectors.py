#!/usr/bin/env python3
"""Writes tests/fixtures/crypto/vectors.json: valid and tampered signature and
encryptedData cases, made with tools independent of mpkit: Python's hashlib and
`cryptography` package, and the `openssl enc` command for one vector.

Each case names the step that must refuse it and the error kind it must give
(mpkit's CryptoErrorKind), or "ok". Run from the repository root:
    python3 scripts/make_crypto_vectors.py
"""
import base64
import hashlib
import json
import pathlib
import subprocess

from cryptography.hazmat.primitives import padding
from cryptography.hazmat.primitives.ciphers import Cipher, algorithms, modes

OUT = pathlib.Path(__file__).resolve().parent.parent / "tests" / "fixtures" / "crypto" / "vectors.json"

b64 = lambda data: base64.b64encode(data).decode()


def aes_cbc(data: bytes, key: bytes, iv: bytes, pad=True) -> bytes:
    if pad:
        padder = padding.PKCS7(128).padder()
        data = padder.update(data) + padder.finalize()
    enc = Cipher(algorithms.AES(key), modes.CBC(iv)).encryptor()
    return enc.update(data) + enc.finalize()


def padding_is_valid(ciphertext: bytes, key: bytes, iv: bytes) -> bool:
    dec = Cipher(algorithms.AES(key), modes.CBC(iv)).decryptor()
    plain = dec.update(ciphertext) + dec.finalize()
    unpadder = padding.PKCS7(128).unpadder()
    try:
        unpadder.update(plain) + unpadder.finalize()
        return True
    except ValueError:
        return False


def sign(raw: str, session_key: str) -> str:
    return hashlib.sha1((raw + session_key).encode("utf-8")).hexdigest()


KEY = bytes.fromhex("86e5a3c18b0f4d2e9a7c6b5d4e3f2a10")
OTHER_KEY = bytes.fromhex("00112233445566778899aabbccddeeff")
IV = bytes.fromhex("5a4b3c2d1e0f99887766554433221100")
APPID = "wx4f4bc4dec97d474b"
TT_APPID = "tt07e3715e98c9aac0"
SESSION_KEY = b64(KEY)

user = {"nickName": "张三", "gender": 1, "language": "zh_CN", "city": "Shenzhen", "province": "Guangdong",
        "country": "China", "avatarUrl": "https://thirdwx.qlogo.cn/mmopen/vi_32/Q0j4TwGTfTL/132"}
raw = json.dumps(user, ensure_ascii=False, separators=(",", ":"))
secret = dict(user, openId="oGZUI0egBJY1zhBYw2KhdUfwVJJE", unionId="ocMvos6NjeKLIBqg5Mr9QjxrP1FA",
              watermark={"appid": APPID, "timestamp": 1700000000})
plain = json.dumps(secret, ensure_ascii=False, separators=(",", ":")).encode()
cipher = aes_cbc(plain, KEY, IV)

tt_secret = {"nickName": "抖音用户", "avatarUrl": "https://p3.douyinpic.com/a.jpeg", "gender": 0, "city": "",
             "province": "", "country": "", "openId": "_000Hjh4bT9ZzGc6kVxXyNqYt8pR1mLwE2sQ",
             "watermark": {"appid": TT_APPID, "timestamp": 1700000500}}
tt_plain = json.dumps(tt_secret, ensure_ascii=False, separators=(",", ":")).encode()

# One vector from OpenSSL's command line, as a second independent implementation.
openssl_cipher = subprocess.run(
    ["openssl", "enc", "-aes-128-cbc", "-K", KEY.hex(), "-iv", IV.hex()],
    input=tt_plain, capture_output=True, check=True).stdout
assert openssl_cipher == aes_cbc(tt_plain, KEY, IV), "OpenSSL and cryptography disagree"

# A ciphertext truncated by one whole block whose padding is invalid.
truncated = cipher[:-16]
assert not padding_is_valid(truncated, KEY, IV)
# Wrong key: pick a key under which the padding does not happen to be valid.
assert not padding_is_valid(cipher, OTHER_KEY, IV)
# Bad padding: a final byte of 0x11 (17) is never valid PKCS#7 for 16-byte blocks.
bad_padding = aes_cbc(plain + bytes([0x11]) * (16 - len(plain) % 16), KEY, IV, pad=False)
# Inconsistent padding bytes: ends in 03 but the two before are not 03.
body = plain[: len(plain) - len(plain) % 16]
inconsistent = aes_cbc(body + b"\x00" * 13 + b"\x01\x02\x03", KEY, IV, pad=False)

base = {"session_key": SESSION_KEY, "appid": APPID, "raw_data": raw, "signature": sign(raw, SESSION_KEY),
        "encrypted_data": b64(cipher), "iv": b64(IV)}


def case(name, expect, step, made_with="python cryptography", **changes):
    return dict(base, name=name, expect=expect, step=step, made_with=made_with, **changes)


cases = [
    case("valid WeChat payload", "ok", "both"),
    case("valid Douyin payload (encrypted with openssl enc)", "ok", "both", made_with="openssl enc",
         appid=TT_APPID, encrypted_data=b64(openssl_cipher)),
    case("signature with one digit flipped", "Signature", "signature",
         signature=base["signature"][:-1] + ("0" if base["signature"][-1] != "0" else "1")),
    case("rawData re-serialized with spaces", "Signature", "signature",
         raw_data=json.dumps(user, ensure_ascii=False)),
    case("rawData with non-ASCII escaped", "Signature", "signature",
         raw_data=json.dumps(user, separators=(",", ":"))),
    case("signature under another session key", "Signature", "signature", session_key=b64(OTHER_KEY)),
    case("signature not hex", "Format", "signature", signature="z" * 40),
    case("signature too short", "Format", "signature", signature=base["signature"][:39]),
    case("wrong session key", "Decrypt", "decrypt", session_key=b64(OTHER_KEY)),
    case("truncated by one block", "Decrypt", "decrypt", encrypted_data=b64(truncated)),
    case("truncated inside a block", "Format", "decrypt", encrypted_data=b64(cipher[:-5])),
    case("not a multiple of the block size", "Format", "decrypt", encrypted_data=b64(cipher + b"\x00\x01\x02")),
    case("padding byte larger than the block", "Decrypt", "decrypt", encrypted_data=b64(bad_padding)),
    case("inconsistent padding bytes", "Decrypt", "decrypt", encrypted_data=b64(inconsistent)),
    case("encryptedData not base64", "Format", "decrypt", encrypted_data="%%%not-base64%%%"),
    case("encryptedData with + turned into spaces", "Format", "decrypt",
         encrypted_data=b64(cipher).replace("+", " ")),
    case("iv of 12 bytes", "Format", "decrypt", iv=b64(IV[:12])),
    case("session key of 15 bytes", "Format", "key", session_key=b64(KEY[:15])),
    case("empty encryptedData", "Format", "decrypt", encrypted_data=""),
    case("empty iv", "Format", "decrypt", iv=""),
    case("iv of another payload", "Decrypt", "decrypt", iv=b64(bytes(16))),
    case("watermark of another app", "Watermark", "decrypt", appid="wx0000000000000000"),
    case("stale watermark", "Watermark", "decrypt", max_age_secs=300, now=1700003600),
    case("fresh watermark within max age", "ok", "decrypt", max_age_secs=300, now=1700000120),
    case("plaintext is not JSON", "Decrypt", "decrypt",
         encrypted_data=b64(aes_cbc(b"this is not json at all", KEY, IV))),
    # A missing watermark reads like every other decryption failure, so that no
    # failure tells anything about the plaintext.
    case("plaintext without watermark", "Decrypt", "decrypt",
         encrypted_data=b64(aes_cbc(b'{"openId":"x"}', KEY, IV))),
]
assert "+" in b64(cipher), "the +-to-space case needs a + in the ciphertext"

OUT.parent.mkdir(parents=True, exist_ok=True)
OUT.write_text(json.dumps({"plaintext_wechat": secret, "plaintext_douyin": tt_secret, "cases": cases},
                          ensure_ascii=False, indent=2) + "\n", encoding="utf-8")
print(f"wrote {len(cases)} cases to {OUT}")

# ---------------------------------------------------------------------------
# The framed AES-192 scheme (Baidu's smart programs): tests/fixtures/crypto/framed.json.
# The first case is the demo of Baidu's own page ("用户数据的签名验证和加解密",
# https://smartprogram.baidu.com/docs/develop/api/open/log_userdata/); the
# others are made here with `cryptography`, independently of mpkit.
FRAMED_OUT = OUT.parent / "framed.json"
BAIDU_APP_KEY = "y2dTfnWfkx2OXttMEMWlGHoB1KzMogm7"
BAIDU_KEY_B64 = "1df09d0a1677dd72b8325aec59576e0c"
BAIDU_IV_B64 = "1df09d0a1677dd72b8325Q=="
BAIDU_DATA = ("OpCoJgs7RrVgaMNDixIvaCIyV2SFDBNLivgkVqtzq2GC10egsn+PKmQ/+5q+chT8xzldLUog2haTItyIkKyvz"
              "vmXonBQLIMeq54axAu9c3KG8IhpFD6+ymHocmx07ZKi7eED3t0KyIxJgRNSDkFk5RV1ZP2mSWa7ZgCXXcAbP0Rs"
              "iUcvhcJfrSwlpsm0E1YJzKpYy429xrEEGvK+gfL+Cw==")
KEY24 = bytes(range(100, 124))
IV16 = bytes(range(200, 216))
APP_KEY = "AppKeyOfTheTestApp0123456789abcd"


def framed(data: bytes, app_key: str, length=None, random=b"R" * 16) -> bytes:
    n = len(data) if length is None else length
    return random + n.to_bytes(4, "big") + data + app_key.encode()


def pad_to(data: bytes, block: int) -> bytes:
    p = block - len(data) % block
    return data + bytes([p]) * p


def aes192_cbc(data: bytes, key=KEY24, iv=IV16) -> bytes:
    enc = Cipher(algorithms.AES(key), modes.CBC(iv)).encryptor()
    return enc.update(data) + enc.finalize()


user = b'{"openid":"k7BzMOOeUv","nickname":"smart_user","headimgurl":"https://example.com/a.png","sex":2}'
ok_cipher = aes192_cbc(pad_to(framed(user, APP_KEY), 32))
framed_cases = [
    {"name": "Baidu's published demo", "expect": "ok", "data": BAIDU_DATA, "iv": BAIDU_IV_B64,
     "session_key": BAIDU_KEY_B64, "app_key": BAIDU_APP_KEY,
     "plaintext": {"openid": "open_id", "nickname": "baidu_user", "headimgurl": "url of image", "sex": 1}},
    {"name": "padded to 32 bytes", "expect": "ok", "data": b64(ok_cipher), "iv": b64(IV16),
     "session_key": b64(KEY24), "app_key": APP_KEY, "plaintext": json.loads(user)},
    {"name": "padded to 16 bytes (standard PKCS#7)", "expect": "ok",
     "data": b64(aes192_cbc(pad_to(framed(user, APP_KEY), 16))), "iv": b64(IV16),
     "session_key": b64(KEY24), "app_key": APP_KEY, "plaintext": json.loads(user)},
    {"name": "another app's key", "expect": "Watermark", "data": b64(ok_cipher), "iv": b64(IV16),
     "session_key": b64(KEY24), "app_key": "AnotherAppKey000000000000000000x"},
    {"name": "an app key that is only a prefix", "expect": "Watermark", "data": b64(ok_cipher), "iv": b64(IV16),
     "session_key": b64(KEY24), "app_key": APP_KEY[:10]},
    {"name": "a length beyond the plaintext", "expect": "Decrypt",
     "data": b64(aes192_cbc(pad_to(framed(user, APP_KEY, length=4096), 32))), "iv": b64(IV16),
     "session_key": b64(KEY24), "app_key": APP_KEY},
    {"name": "data that is not JSON", "expect": "Decrypt",
     "data": b64(aes192_cbc(pad_to(framed(b"not json", APP_KEY), 32))), "iv": b64(IV16),
     "session_key": b64(KEY24), "app_key": APP_KEY},
    {"name": "padding byte of 33", "expect": "Decrypt",
     "data": b64(aes192_cbc(framed(user, APP_KEY) + bytes([33]) * (32 - len(framed(user, APP_KEY)) % 32 or 32))),
     "iv": b64(IV16), "session_key": b64(KEY24), "app_key": APP_KEY},
    {"name": "the last block altered", "expect": "Decrypt",
     "data": b64(ok_cipher[:-16] + bytes(16)), "iv": b64(IV16), "session_key": b64(KEY24), "app_key": APP_KEY},
    {"name": "a 16-byte session key", "expect": "Format", "data": b64(ok_cipher), "iv": b64(IV16),
     "session_key": b64(KEY24[:16]), "app_key": APP_KEY},
    {"name": "an iv of 12 bytes", "expect": "Format", "data": b64(ok_cipher), "iv": b64(IV16[:12]),
     "session_key": b64(KEY24), "app_key": APP_KEY},
    {"name": "data cut inside a block", "expect": "Format", "data": b64(ok_cipher[:-5]), "iv": b64(IV16),
     "session_key": b64(KEY24), "app_key": APP_KEY},
]
FRAMED_OUT.write_text(json.dumps({"cases": framed_cases}, ensure_ascii=False, indent=2) + "\n", encoding="utf-8")
print(f"wrote {len(framed_cases)} cases to {FRAMED_OUT}")
