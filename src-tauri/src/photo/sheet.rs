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
pub const MARK: f64 = 2.5;
/// Distance between a cut mark and the photo it marks (a mark never prints on a photo).
pub const MARK_OFFSET: f64 = 0.5;
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
    /// The paper.
    pub paper: Paper,
    /// Paper width in mm.
    pub width: f64,
    /// Paper height in mm.
    pub height: f64,
    /// Photo width in mm.
    pub photo_width: f64,
    /// Photo height in mm.
    pub photo_height: f64,
    /// Where each photo goes, filled row by row from the top left.
    pub cells: Vec<Cell>,
    /// Cut marks, each a line `[x1, y1, x2, y2]` in mm on the photo's edge lines, outside it.
    pub marks: Vec<[f64; 4]>,
}

/// The eight marks around one photo: at each corner, one along each edge line, pointing away.
fn marks_for(c: &Cell) -> [[f64; 4]; 8] {
    let (l, t, r, b) = (c.x, c.y, c.x + PHOTO_W, c.y + PHOTO_H);
    let (near, far) = (MARK_OFFSET, MARK_OFFSET + MARK);
    [
        [l - far, t, l - near, t],
        [l, t - far, l, t - near],
        [r + near, t, r + far, t],
        [r, t - far, r, t - near],
        [l - far, b, l - near, b],
        [l, b + near, l, b + far],
        [r + near, b, r + far, b],
        [r, b + near, r, b + far],
    ]
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
        .collect::<Vec<_>>();
    let marks = cells.iter().flat_map(marks_for).collect();
    Sheet {
        paper,
        width,
        height,
        photo_width: PHOTO_W,
        photo_height: PHOTO_H,
        cells,
        marks,
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
    fn cut_marks_stay_off_every_photo_and_on_the_paper() {
        for paper in [Paper::L, Paper::A4] {
            let s = layout(paper, paper.capacity());
            assert_eq!(s.marks.len(), s.cells.len() * 8);
            for [x1, y1, x2, y2] in &s.marks {
                assert!(x1.min(*x2) >= 0.0 && x1.max(*x2) <= s.width);
                assert!(y1.min(*y2) >= 0.0 && y1.max(*y2) <= s.height);
                assert!((x1 - x2).abs() < 1e-9 || (y1 - y2).abs() < 1e-9, "straight");
                for c in &s.cells {
                    // Distance between the mark and the photo, both as boxes.
                    let dx = (c.x - x1.max(*x2))
                        .max(x1.min(*x2) - c.x - PHOTO_W)
                        .max(0.0);
                    let dy = (c.y - y1.max(*y2))
                        .max(y1.min(*y2) - c.y - PHOTO_H)
                        .max(0.0);
                    assert!(dx.hypot(dy) >= MARK_OFFSET - 1e-9, "{paper:?}: {c:?}");
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
