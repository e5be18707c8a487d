//! Reads a headless browser's screenshot: a PNG of 8-bit RGB or RGBA, not interlaced (what
//! Chromium writes), decoded far enough to count the pixels of a colour.

use std::io::Read;

/// A decoded screenshot.
pub struct Capture {
    pub largeur: usize,
    /// Row by row, RGB.
    pixels: Vec<[u8; 3]>,
}

fn be32(o: &[u8]) -> usize {
    u32::from_be_bytes([o[0], o[1], o[2], o[3]]) as usize
}

fn paeth(a: u8, b: u8, c: u8) -> u8 {
    let p = a as i16 + b as i16 - c as i16;
    let (pa, pb, pc) = ((p - a as i16).abs(), (p - b as i16).abs(), (p - c as i16).abs());
    if pa <= pb && pa <= pc {
        a
    } else if pb <= pc {
        b
    } else {
        c
    }
}

impl Capture {
    /// Decodes a PNG file's bytes.
    pub fn lire(octets: &[u8]) -> Capture {
        assert!(octets.starts_with(b"\x89PNG\r\n\x1a\n"), "not a PNG");
        let (mut largeur, mut hauteur, mut octets_par_pixel) = (0, 0, 0);
        let mut idat = Vec::new();
        let mut i = 8;
        while i + 8 <= octets.len() {
            let n = be32(&octets[i..]);
            let (genre, donnees) = (&octets[i + 4..i + 8], &octets[i + 8..i + 8 + n]);
            match genre {
                b"IHDR" => {
                    (largeur, hauteur) = (be32(donnees), be32(&donnees[4..]));
                    assert_eq!((donnees[8], donnees[12]), (8, 0), "8 bits per channel, not interlaced");
                    octets_par_pixel = match donnees[9] {
                        2 => 3,
                        6 => 4,
                        t => panic!("PNG colour type {t} is not read here"),
                    };
                }
                b"IDAT" => idat.extend_from_slice(donnees),
                b"IEND" => break,
                _ => {}
            }
            i += 12 + n;
        }
        let mut brut = Vec::new();
        flate2::read::ZlibDecoder::new(idat.as_slice()).read_to_end(&mut brut).expect("the image data inflates");
        let ligne = largeur * octets_par_pixel;
        assert_eq!(brut.len(), hauteur * (ligne + 1), "one filter byte and {ligne} bytes per row");
        let mut pixels = Vec::with_capacity(largeur * hauteur);
        let mut precedente = vec![0u8; ligne];
        for rang in brut.chunks(ligne + 1) {
            let (filtre, mut courante) = (rang[0], rang[1..].to_vec());
            for x in 0..ligne {
                let a = if x >= octets_par_pixel { courante[x - octets_par_pixel] } else { 0 };
                let b = precedente[x];
                let c = if x >= octets_par_pixel { precedente[x - octets_par_pixel] } else { 0 };
                let prediction = match filtre {
                    0 => 0,
                    1 => a,
                    2 => b,
                    3 => ((a as u16 + b as u16) / 2) as u8,
                    4 => paeth(a, b, c),
                    f => panic!("PNG filter {f}"),
                };
                courante[x] = courante[x].wrapping_add(prediction);
            }
            pixels.extend(courante.chunks(octets_par_pixel).map(|p| [p[0], p[1], p[2]]));
            precedente = courante;
        }
        Capture { largeur, pixels }
    }

    /// The pixels of this colour (within a small tolerance for anti-aliasing), as (x, y).
    pub fn pixels_de(&self, couleur: [u8; 3]) -> Vec<(usize, usize)> {
        self.pixels
            .iter()
            .enumerate()
            .filter(|(_, p)| p.iter().zip(couleur).all(|(a, b)| a.abs_diff(b) <= 8))
            .map(|(i, _)| (i % self.largeur, i / self.largeur))
            .collect()
    }

    /// How many colours the image holds (a blank page holds one).
    pub fn couleurs(&self) -> usize {
        let mut v = self.pixels.clone();
        v.sort_unstable();
        v.dedup();
        v.len()
    }
}
