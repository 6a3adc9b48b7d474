//! The print sheet: copies of the 35 × 45 mm photo placed on an L-size (89 × 127 mm) or A4 sheet,
//! each with cut marks in the gap around it. Positions are computed here, in millimetres, so the
//! page the print dialog gets is exact and the layout is tested without a printer.

use serde::{Deserialize, Serialize};

/// Photo width in mm (the application form's size).
pub const PHOTO_W: f64 = 35.0;
/// Photo height in mm.
pub const PHOTO_H: f64 = 45.0;
/// Space between photos, where the cut marks go.
pub const GAP: f64 = 6.0;
/// Length of a cut mark.
pub const MARK: f64 = 3.0;
/// The least margin at the sheet's edge (most printers cannot print closer).
pub const MARGIN: f64 = 5.0;

/// The paper in the printer.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize)]
pub enum Paper {
    /// L判 photo paper, 89 × 127 mm (portrait).
    #[default]
    L,
    /// A4, 210 × 297 mm (portrait).
    A4,
}

impl Paper {
    /// Width and height in mm.
    pub fn size_mm(self) -> (f64, f64) {
        match self {
            Self::L => (89.0, 127.0),
            Self::A4 => (210.0, 297.0),
        }
    }

    /// Columns and rows of photos that fit with their gaps and margins.
    pub fn grid(self) -> (u32, u32) {
        let (w, h) = self.size_mm();
        let fit =
            |len: f64, photo: f64| ((len - 2.0 * MARGIN + GAP) / (photo + GAP)).floor() as u32;
        (fit(w, PHOTO_W), fit(h, PHOTO_H))
    }

    /// How many photos fit on one sheet.
    pub fn capacity(self) -> u32 {
        let (c, r) = self.grid();
        c * r
    }
}

/// A photo's top-left corner on the sheet, in mm.
#[derive(Debug, Clone, Copy, PartialEq, Serialize)]
pub struct Cell {
    /// From the left edge.
    pub x: f64,
    /// From the top edge.
    pub y: f64,
}

/// One sheet, ready to draw.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Sheet {
    /// Paper width in mm.
    pub width: f64,
    /// Paper height in mm.
    pub height: f64,
    /// Photo width in mm.
    pub photo_width: f64,
    /// Photo height in mm.
    pub photo_height: f64,
    /// Cut mark length in mm.
    pub mark: f64,
    /// Where each photo goes, filled row by row from the top left.
    pub cells: Vec<Cell>,
}

/// The sheet for `copies` photos (at least one, at most what fits), the block centred.
pub fn layout(paper: Paper, copies: u32) -> Sheet {
    let (width, height) = paper.size_mm();
    let (cols, rows) = paper.grid();
    let n = copies.clamp(1, cols * rows);
    let used_cols = n.min(cols);
    let used_rows = n.div_ceil(cols);
    let block_w = f64::from(used_cols) * (PHOTO_W + GAP) - GAP;
    let block_h = f64::from(used_rows) * (PHOTO_H + GAP) - GAP;
    let (left, top) = ((width - block_w) / 2.0, (height - block_h) / 2.0);
    let cells = (0..n)
        .map(|i| Cell {
            x: left + f64::from(i % cols) * (PHOTO_W + GAP),
            y: top + f64::from(i / cols) * (PHOTO_H + GAP),
        })
        .collect();
    Sheet {
        width,
        height,
        photo_width: PHOTO_W,
        photo_height: PHOTO_H,
        mark: MARK,
        cells,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn l_size_holds_four_and_a4_twenty() {
        assert_eq!(Paper::L.grid(), (2, 2));
        assert_eq!(Paper::A4.grid(), (5, 5));
        assert_eq!(Paper::A4.capacity(), 25);
    }

    #[test]
    fn every_photo_is_inside_the_margins_and_apart_by_the_gap() {
        for paper in [Paper::L, Paper::A4] {
            for copies in 1..=paper.capacity() {
                let s = layout(paper, copies);
                assert_eq!(s.cells.len(), copies as usize);
                for (i, a) in s.cells.iter().enumerate() {
                    assert!(
                        a.x >= MARGIN - 1e-9 && a.y >= MARGIN - 1e-9,
                        "{paper:?} {copies}"
                    );
                    assert!(a.x + PHOTO_W <= s.width - MARGIN + 1e-9);
                    assert!(a.y + PHOTO_H <= s.height - MARGIN + 1e-9);
                    for b in &s.cells[i + 1..] {
                        let apart_x = (a.x - b.x).abs() >= PHOTO_W + GAP - 1e-9;
                        let apart_y = (a.y - b.y).abs() >= PHOTO_H + GAP - 1e-9;
                        assert!(apart_x || apart_y, "{paper:?} {copies}: overlap");
                    }
                }
            }
        }
    }

    #[test]
    fn one_copy_is_centred_and_too_many_are_capped() {
        let s = layout(Paper::L, 1);
        assert_eq!(s.cells, [Cell { x: 27.0, y: 41.0 }]);
        assert_eq!(layout(Paper::L, 0).cells.len(), 1);
        assert_eq!(layout(Paper::L, 99).cells.len(), 4);
    }
}
