// crypto_hash: sha256/sha1/sha512/md5/crc32/fnv/hmac of fixed inputs (values
// are deterministic), hex/base64 encodings, AES-GCM with a fixed key and
// nonce, ed25519 with a fixed seed, and crypto/rand / math/rand-from-crypto
// reads checked by LENGTH only (values differ on every run).
package main

import (
	"crypto/aes"
	"crypto/cipher"
	"crypto/ed25519"
	"crypto/hmac"
	"crypto/md5"
	"crypto/rand"
	"crypto/sha1"
	"crypto/sha256"
	"crypto/sha512"
	"encoding/base64"
	"encoding/hex"
	"fmt"
	"hash/crc32"
	"hash/fnv"
	"io"
	"strings"
)

func main() {
	inputs := []string{"", "abc", "The quick brown fox jumps over the lazy dog", strings.Repeat("a", 1000000)}
	for _, in := range inputs {
		label := in
		if len(label) > 20 {
			label = label[:20] + fmt.Sprintf("...(%d bytes)", len(in))
		}
		fmt.Printf("%q\n  sha256 %x\n  sha1   %x\n  md5    %x\n  crc32  %08x\n", label, sha256.Sum256([]byte(in)), sha1.Sum([]byte(in)), md5.Sum([]byte(in)), crc32.ChecksumIEEE([]byte(in)))
	}
	s512 := sha512.Sum512([]byte("abc"))
	fmt.Println("sha512(abc)", hex.EncodeToString(s512[:]))
	h := sha256.New()
	for i := 0; i < 1000; i++ {
		fmt.Fprintf(h, "chunk %d;", i)
	}
	fmt.Printf("streamed sha256 %x size %d block %d\n", h.Sum(nil), h.Size(), h.BlockSize())
	f := fnv.New64a()
	f.Write([]byte("hello"))
	fmt.Printf("fnv64a %x\n", f.Sum64())
	mac := hmac.New(sha256.New, []byte("key"))
	mac.Write([]byte("The quick brown fox jumps over the lazy dog"))
	fmt.Printf("hmac %x\n", mac.Sum(nil))

	// encodings
	data := []byte("any carnal pleas\x00\xff")
	fmt.Println(base64.StdEncoding.EncodeToString(data), base64.URLEncoding.EncodeToString(data), base64.RawStdEncoding.EncodeToString(data))
	dec, err := base64.StdEncoding.DecodeString("aGVsbG8gd29ybGQ=")
	fmt.Println(string(dec), err)
	_, err = base64.StdEncoding.DecodeString("!!!")
	fmt.Println(err)
	fmt.Println(hex.Dump([]byte("0123456789abcdefXYZ")))

	// AES-GCM, fixed key and nonce
	key := make([]byte, 32)
	for i := range key {
		key[i] = byte(i)
	}
	block, _ := aes.NewCipher(key)
	gcm, _ := cipher.NewGCM(block)
	nonce := make([]byte, gcm.NonceSize())
	ct := gcm.Seal(nil, nonce, []byte("attack at dawn"), []byte("aad"))
	fmt.Printf("gcm %x\n", ct)
	pt, err := gcm.Open(nil, nonce, ct, []byte("aad"))
	fmt.Printf("open %q %v\n", pt, err)
	ct[0] ^= 1
	_, err = gcm.Open(nil, nonce, ct, []byte("aad"))
	fmt.Println("tampered:", err)

	// ed25519 from a fixed seed: deterministic signature
	seed := sha256.Sum256([]byte("seed"))
	priv := ed25519.NewKeyFromSeed(seed[:])
	pub := priv.Public().(ed25519.PublicKey)
	sig := ed25519.Sign(priv, []byte("message"))
	fmt.Printf("ed25519 pub %x\nsig %x\nverify %v %v\n", pub, sig, ed25519.Verify(pub, []byte("message"), sig), ed25519.Verify(pub, []byte("massage"), sig))

	// crypto/rand: lengths only (at most 64 KiB per read: node 20's WebCrypto
	// getRandomValues refuses larger requests)
	for _, n := range []int{0, 1, 16, 1000, 65536} {
		b := make([]byte, n)
		got, err := io.ReadFull(rand.Reader, b)
		fmt.Println("rand read", n, "->", got, err)
	}
	b := make([]byte, 4096)
	rand.Read(b)
	zeros := 0
	for _, c := range b {
		if c == 0 {
			zeros++
		}
	}
	fmt.Println("random bytes not all zero:", zeros < 4096)
	r1 := make([]byte, 32)
	r2 := make([]byte, 32)
	rand.Read(r1)
	rand.Read(r2)
	fmt.Println("two reads differ:", string(r1) != string(r2))
	pk, sk, err := ed25519.GenerateKey(rand.Reader)
	fmt.Println("generated key sizes:", len(pk), len(sk), err)
}
