//! Deflate of typical 007 token payloads, for profiling (`valgrind --tool=callgrind`) and a
//! rough timing: `cargo run --release --example deflate_bench -- [iterations] [which]`.
//! Prints each payload's length and the median ns per deflate over batches of 100; `which` is
//! one payload (rtm, chat_user, rtc_account, rtc_uid), `varied` (4096 RTC uid payloads with
//! random salts, one after the other; `varied_chat`, `varied_rtm`, `varied_account`, `varied_rtm2`: the others), `token` (whole RTC tokens) or `parts` (HMAC, salt and
//! recipe alone). One payload deflated over and over lets the branch predictor learn its every
//! branch: `varied` is the figure a server sees.

use agora_token::access_token2::AccessToken2;
use agora_token::recipes;
use std::hint::black_box;
use std::time::Instant;

const APP_ID: &str = "970CA35de60c44645bbae8a215061b33";
const APP_CERT: &str = "5CFd2fd1755d40ecb72977518be15d3b";

fn fixed(mut t: AccessToken2<'_>) -> Vec<u8> {
    t.issue_ts = 1_700_000_000;
    t.salt = 12_345_678;
    t.payload(APP_CERT).unwrap()
}

/// `RtcTokenBuilder.buildTokenWithUid`'s token in the benchmark (uid 2882341273, publisher).
fn rtc_uid(privilege_expire: u32) -> AccessToken2<'static> {
    recipes::rtc_token(APP_ID, b"channel-7d72365eb983485397e3e3f9d460bdda", b"2882341273", true, 3600, privilege_expire)
}

fn main() {
    let iters: usize = std::env::args().nth(1).and_then(|s| s.parse().ok()).unwrap_or(10_000);
    let only: Option<String> = std::env::args().nth(2);
    let payloads = [
        ("rtm", fixed(recipes::rtm_token(APP_ID, b"user-3", 3600))),
        ("chat_user", fixed(recipes::chat_user_token(APP_ID, b"user-3", 3600))),
        ("rtc_account", fixed(recipes::rtc_token(APP_ID, b"room-42", b"user-3", false, 3600, 3600))),
        ("rtc_uid", fixed(rtc_uid(3600))),
    ];
    if only.as_deref() == Some("parts") {
        let t0 = Instant::now();
        for i in 0..iters as u32 {
            black_box(agora_token::crypto::hmac_sha256(&i.to_le_bytes(), black_box(&[7u8; 130])));
        }
        println!("hmac 130 bytes: {:.0} ns", t0.elapsed().as_nanos() as f64 / iters as f64);
        let t0 = Instant::now();
        for _ in 0..iters {
            black_box(agora_token::access_token2::random_salt());
        }
        println!("random_salt: {:.0} ns", t0.elapsed().as_nanos() as f64 / iters as f64);
        let t0 = Instant::now();
        for _ in 0..iters {
            black_box(rtc_uid(3600));
        }
        println!("recipe: {:.0} ns", t0.elapsed().as_nanos() as f64 / iters as f64);
        return;
    }
    if let Some(kind) = only.as_deref().and_then(|o| o.strip_prefix("varied")) {
        // Payloads as a server makes them: random salts, eight uids or users, issue times a
        // second apart. Unlike one payload repeated, the branches do not repeat from one
        // deflate to the next. `varied` is RTC uid; `varied_chat`, `varied_rtm`,
        // `varied_account` and `varied_rtm2` the others.
        let varied: Vec<Vec<u8>> = (0..4096u32)
            .map(|i| {
                let account = (2_882_341_273 + (i & 7)).to_string();
                let user = format!("user-{}", i & 7);
                let uid = if i & 7 == 0 { String::new() } else { (i & 7).to_string() };
                let mut t = match kind {
                    "_chat" => recipes::chat_user_token(APP_ID, user.as_bytes(), 3600),
                    "_rtm" => recipes::rtm_token(APP_ID, user.as_bytes(), 3600),
                    "_account" => recipes::rtc_token(APP_ID, b"room-42", user.as_bytes(), false, 3600, 3600),
                    // RtcTokenBuilder.buildTokenWithRtm2 as the benchmark calls it.
                    "_rtm2" => recipes::rtc_token_with_rtm2(&recipes::RtcRtm2 {
                        app_id: APP_ID,
                        channel: b"room-42",
                        rtc_account: uid.as_bytes(),
                        publisher: true,
                        rtc_token_expire: 3600,
                        privileges: recipes::RtcPrivileges::all(3600),
                        rtm_user_id: user.as_bytes(),
                        rtm_token_expire: 3600,
                        extra: recipes::Extra::None,
                    }),
                    _ => recipes::rtc_token(
                        APP_ID,
                        b"channel-7d72365eb983485397e3e3f9d460bdda",
                        account.as_bytes(),
                        true,
                        3600,
                        3600,
                    ),
                };
                t.issue_ts = 1_700_000_000 + i / 64;
                t.payload(APP_CERT).unwrap()
            })
            .collect();
        let mut out = Vec::with_capacity(512);
        let mut batches = Vec::new();
        for b in 0..iters.div_ceil(100) {
            let t0 = Instant::now();
            for i in 0..100 {
                out.clear();
                agora_token::deflate::zlib_compress_into(black_box(&varied[(b * 100 + i) % varied.len()]), &mut out);
                black_box(&out);
            }
            batches.push(t0.elapsed().as_nanos() as f64 / 100.0);
        }
        batches.sort_by(|a, b| a.partial_cmp(b).unwrap());
        println!(
            "varied{kind}: {} bytes, median {:.0} ns, 10th percentile {:.0} ns",
            varied[0].len(),
            batches[batches.len() / 2],
            batches[batches.len() / 10]
        );
        return;
    }
    if only.as_deref() == Some("token") {
        // Whole RTC tokens (the builder's recipe, signing, deflate, base64), for comparison.
        let mut batches = Vec::new();
        for _ in 0..iters.div_ceil(100) {
            let t0 = Instant::now();
            for i in 0..100u32 {
                let t = rtc_uid(3600 + (i & 7));
                black_box(t.build(black_box(APP_CERT)).unwrap());
            }
            batches.push(t0.elapsed().as_nanos() as f64 / 100.0);
        }
        batches.sort_by(|a, b| a.partial_cmp(b).unwrap());
        println!("rtc token: median {:.0} ns", batches[batches.len() / 2]);
        return;
    }
    let mut out = Vec::with_capacity(512);
    for (name, p) in &payloads {
        if only.as_deref().is_some_and(|o| o != *name) {
            continue;
        }
        let mut batches = Vec::new();
        let per = 100;
        for _ in 0..iters.div_ceil(per) {
            let t0 = Instant::now();
            for _ in 0..per {
                out.clear();
                agora_token::deflate::zlib_compress_into(black_box(p), &mut out);
                black_box(&out);
            }
            batches.push(t0.elapsed().as_nanos() as f64 / per as f64);
        }
        batches.sort_by(|a, b| a.partial_cmp(b).unwrap());
        println!("{name}: {} bytes -> {} bytes, median {:.0} ns", p.len(), out.len(), batches[batches.len() / 2]);
    }
}
