#![no_main]

libfuzzer_sys::fuzz_target!(|data: &[u8]| {
    linode_fuzz::checks::duration(data);
});
