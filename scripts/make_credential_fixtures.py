#!/usr/bin/env python3
"""Writes the credential-bearing fixtures with an implementation independent of mpkit.

Signature: sha1(rawData + session_key) in lowercase hex (hashlib).
encryptedData: AES-128-CBC with PKCS#7 padding (the `cryptography` package),
key = base64-decoded session_key, IV = base64-decoded iv. The same scheme for
WeChat, Douyin, QQ and Kuaishou; Kuaishou's decrypted data has no watermark.

The keys and IVs are fixed so the output is reproducible; they protect nothing.
Run from the repository root:  python3 scripts/make_credential_fixtures.py
"""
import base64
import hashlib
import json
import pathlib

from cryptography.hazmat.primitives import padding
from cryptography.hazmat.primitives.ciphers import Cipher, algorithms, modes

ROOT = pathlib.Path(__file__).resolve().parent.parent / "tests" / "fixtures"


def encrypt(plain: bytes, key: bytes, iv: bytes) -> bytes:
    padder = padding.PKCS7(128).padder()
    padded = padder.update(plain) + padder.finalize()
    encryptor = Cipher(algorithms.AES(key), modes.CBC(iv)).encryptor()
    return encryptor.update(padded) + encryptor.finalize()


def write(path: pathlib.Path, value) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(json.dumps(value, ensure_ascii=False, indent=2) + "\n", encoding="utf-8")


def make(platform, api, ok_message, user_info, encrypted, key, iv, appid, success_name="success-with-credentials.json"):
    session_key = base64.b64encode(key).decode()
    raw_data = json.dumps(user_info, ensure_ascii=False, separators=(",", ":"))
    signature = hashlib.sha1((raw_data + session_key).encode("utf-8")).hexdigest()
    plain = json.dumps(encrypted, ensure_ascii=False, separators=(",", ":")).encode("utf-8")
    success = {
        "errMsg": ok_message,
        "userInfo": user_info,
        "rawData": raw_data,
        "signature": signature,
        "encryptedData": base64.b64encode(encrypt(plain, key, iv)).decode(),
        "iv": base64.b64encode(iv).decode(),
    }
    folder = ROOT / platform / api
    write(folder / success_name, success)
    write(folder / "encrypted.json", encrypted)
    # Data without a watermark (Kuaishou) names no app: its credentials
    # file has no app id, and says so.
    credentials = {"session_key": session_key, "appid": appid, "payload": f"{platform}/{api}/{success_name}"}
    if appid is None:
        credentials = {"session_key": session_key, "watermark": "none", "payload": f"{platform}/{api}/{success_name}"}
    write(ROOT / "crypto" / f"credentials-{platform}-{api}.json", credentials)


make(
    "wechat",
    "getUserInfo",
    "getUserInfo:ok",
    {
        "nickName": "Band",
        "gender": 1,
        "language": "zh_CN",
        "city": "Guangzhou",
        "province": "Guangdong",
        "country": "CN",
        "avatarUrl": "https://thirdwx.qlogo.cn/mmopen/vi_32/aSKcBBPpibyKNicHNTMM0qJVh8Kjgiak2AHWr8MHM4WgMEm7GFhsf8OYrySdbvAMvTsw3mo8ibKicsnfN5pRjl1p8HQ/132",
    },
    {
        "openId": "oGZUI0egBJY1zhBYw2KhdUfwVJJE",
        "nickName": "Band",
        "gender": 1,
        "language": "zh_CN",
        "city": "Guangzhou",
        "province": "Guangdong",
        "country": "CN",
        "avatarUrl": "https://thirdwx.qlogo.cn/mmopen/vi_32/aSKcBBPpibyKNicHNTMM0qJVh8Kjgiak2AHWr8MHM4WgMEm7GFhsf8OYrySdbvAMvTsw3mo8ibKicsnfN5pRjl1p8HQ/132",
        "unionId": "ocMvos6NjeKLIBqg5Mr9QjxrP1FA",
        "watermark": {"timestamp": 1477314187, "appid": "wx4f4bc4dec97d474b"},
    },
    bytes.fromhex("2b7e151628aed2a6abf7158809cf4f3c"),
    bytes.fromhex("000102030405060708090a0b0c0d0e0f"),
    "wx4f4bc4dec97d474b",
)

make(
    "douyin",
    "getUserInfo",
    "getUserInfo:ok",
    {
        "avatarUrl": "https://p3.douyinpic.com/aweme/100x100/aweme-avatar/tos-cn-i-0813_oQAfA8fAEIAbCgGeADeIIAe9AbdBAcWAoDCcAQ.jpeg",
        "nickName": "抖音用户",
        "gender": 0,
        "city": "",
        "province": "",
        "country": "",
        "language": "",
    },
    {
        "nickName": "抖音用户",
        "avatarUrl": "https://p3.douyinpic.com/aweme/100x100/aweme-avatar/tos-cn-i-0813_oQAfA8fAEIAbCgGeADeIIAe9AbdBAcWAoDCcAQ.jpeg",
        "gender": 0,
        "city": "",
        "province": "",
        "country": "",
        "openId": "_000Hjh4bT9ZzGc6kVxXyNqYt8pR1mLwE2sQ",
        "watermark": {"appid": "tt07e3715e98c9aac0", "timestamp": 1700000000},
    },
    bytes.fromhex("603deb1015ca71be2b73aef0857d7781"),
    bytes.fromhex("f0f1f2f3f4f5f6f7f8f9fafbfcfdfeff"),
    "tt07e3715e98c9aac0",
)

# tt.getUserProfile: the decrypted data has no openId or unionId (Douyin
# documents the profile's decrypted fields without them).
PROFILE_AVATAR = "https://p3.douyinpic.com/aweme/100x100/aweme-avatar/tos-cn-i-0813_oQAfA8fAEIAbCgGeADeIIAe9AbdBAcWAoDCcAQ.jpeg"
make(
    "douyin",
    "getUserProfile",
    "getUserProfile:ok",
    {"avatarUrl": PROFILE_AVATAR, "nickName": "小明", "gender": 1, "city": "Hangzhou", "province": "Zhejiang", "country": "China", "language": ""},
    {
        "nickName": "小明",
        "avatarUrl": PROFILE_AVATAR,
        "gender": 1,
        "city": "Hangzhou",
        "province": "Zhejiang",
        "country": "China",
        "watermark": {"appid": "tt07e3715e98c9aac0", "timestamp": 1700000600},
    },
    bytes.fromhex("8e73b0f7da0e6452c810f32b809079e5"),
    bytes.fromhex("101112131415161718191a1b1c1d1e1f"),
    "tt07e3715e98c9aac0",
    "success-basic.json",
)

# qq.getUserInfo: WeChat's scheme and watermark (QQ's 开放数据校验与解密 page).
QQ_AVATAR = "https://thirdqq.qlogo.cn/g?b=sdk&k=7tOcdPWB2DyGs2CBzmRnkg&s=100&t=1587035234"
make(
    "qq",
    "getUserInfo",
    "getUserInfo:ok",
    {"nickName": "小企鹅", "gender": 2, "language": "zh_CN", "city": "Shenzhen", "province": "Guangdong", "country": "CN", "avatarUrl": QQ_AVATAR},
    {
        "openId": "0A1B2C3D4E5F60718293A4B5C6D7E8F9",
        "nickName": "小企鹅",
        "gender": 2,
        "language": "zh_CN",
        "city": "Shenzhen",
        "province": "Guangdong",
        "country": "CN",
        "avatarUrl": QQ_AVATAR,
        "unionId": "UID_6F8E7D6C5B4A39281706F5E4D3C2B1A0",
        "watermark": {"timestamp": 1700001200, "appid": "1109876543"},
    },
    bytes.fromhex("000102030405060708090a0b0c0d0e0f"),
    bytes.fromhex("0f0e0d0c0b0a09080706050403020100"),
    "1109876543",
)

# ks.getUserInfo: the decrypted data has no watermark (Kuaishou's page shows
# gender, avatarUrl, nickName and openId only), so no app id goes with it.
KS_AVATAR = "https://p2.a.yximgs.com/uhead/AB/2023/05/04/12/BMjAyMzA1MDQxMjAwMDBfMTIzNDU2Nzg5XzJfaGQ2MjVfNTg0_s.jpg"
make(
    "kuaishou",
    "getUserInfo",
    "getUserInfo:ok",
    {"nickName": "快手用户", "avatarUrl": KS_AVATAR},
    {"gender": 1, "avatarUrl": KS_AVATAR, "nickName": "快手用户", "openId": "f0e1d2c3b4a5968778695a4b3c2d1e0f"},
    bytes.fromhex("6bc1bee22e409f96e93d7e117393172a"),
    bytes.fromhex("ae2d8a571e03ac9c9eb76fac45af8e51"),
    None,
)

# swan.getUserInfo: Baidu's framed AES-192-CBC scheme (用户数据的签名验证和加解密,
# https://smartprogram.baidu.com/docs/develop/api/open/log_userdata/): a 24-byte
# key, the plaintext 16 random bytes + the data's length (4 bytes, big-endian)
# + the data + the app key, padded PKCS#7-style to a multiple of 32 bytes as
# Baidu's own demo is. No rawData, no signature, no watermark.
def make_framed(platform, api, user_info, decrypted, key, iv, app_key, random, success_name="success-with-data.json"):
    plain = json.dumps(decrypted, ensure_ascii=False, separators=(",", ":")).encode("utf-8")
    framed = random + len(plain).to_bytes(4, "big") + plain + app_key.encode("utf-8")
    pad = 32 - len(framed) % 32
    framed += bytes([pad]) * pad
    encryptor = Cipher(algorithms.AES(key), modes.CBC(iv)).encryptor()
    data = encryptor.update(framed) + encryptor.finalize()
    success = {"userInfo": user_info, "data": base64.b64encode(data).decode(), "iv": base64.b64encode(iv).decode()}
    folder = ROOT / platform / api
    write(folder / success_name, success)
    write(folder / "encrypted.json", decrypted)
    credentials = {"session_key": base64.b64encode(key).decode(), "app_key": app_key, "payload": f"{platform}/{api}/{success_name}"}
    write(ROOT / "crypto" / f"credentials-{platform}-{api}.json", credentials)


BD_AVATAR = "https://himg.bdimg.com/sys/portrait/item/pp.1.0a1b2c3d.4e5f60718293a4b5c6d7e8f9.jpg"
make_framed(
    "baidu",
    "getUserInfo",
    {"nickName": "小度", "avatarUrl": BD_AVATAR, "gender": 2},
    {"openid": "k0QdTK6RlyGjs5gNYzQ6A1b2C3", "nickname": "小度", "headimgurl": BD_AVATAR, "sex": 2},
    bytes.fromhex("8e73b0f7da0e6452c810f32b809079e562f8ead2522c6b7b"),
    bytes.fromhex("000102030405060708090a0b0c0d0e0f"),
    "y2dTfnWfkx2OXttMEMWlGHoB1KzMogm7",
    bytes.fromhex("d1a2f3c4b5e6978811223344556677ff"),
)
