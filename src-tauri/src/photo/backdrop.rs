//! The backdrop told from the person, to measure it (never to edit the photo: spec `photo.md` §1).
//!
//! The frame is looked at on a small grid (about 32 cells between the eyes). The backdrop is the
//! region grown from the border of the zone around the head (its top and sides): a cell joins
//! when it differs little from the neighbour it is reached from (edges stop the growth) and not
//! much from the backdrop's colour (a slow gradient does not lead it into a face). A soft shadow
//! on the screen is grown into as shade. The person is what the growth cannot reach and is
//! joined to the face, inside the room a head with its hair can take, with the cells the growth
//! did reach that have the grain of hair: so hair of any colour, shoulders and clothes are never
//! measured as backdrop. What reaches much further on one side than the other is not the person.
//! What is measured as backdrop is the rest of the zone around and above the head: cells the
//! growth reached, shade, and cells it could not reach that are not the person (a poster, a
//! shelf, a flag).

use std::collections::VecDeque;

use image::imageops::{self, FilterType};
use image::RgbImage;

use super::measure;

/// Cells between the eyes on the grid.
const CELLS_PER_EYE_DISTANCE: f32 = 32.0;
/// Step (largest channel difference) from one backdrop cell to the next.
const LOCAL_STEP: f32 = 12.0;
/// Largest difference of a backdrop cell from the backdrop's colour.
const FROM_BACKDROP: f32 = 48.0;

/// Head and hair fit in an ellipse of this half-width (eye distances) above the eye line, and in a
/// band as wide down to the chin (long hair falls beside the face).
pub const ROOM_HALF_WIDTH: f32 = 2.4;
/// Hair reaches at most this far above the eye line (eye distances).
pub const ROOM_TOP: f32 = 3.4;
/// The zone measured reaches this much beyond the room (eye distances).
const ZONE_MARGIN: f32 = 0.5;
/// Backdrop cells joined to the person this many times grainier than the backdrop at the edges
/// are hair the growth went into.
const HAIR_GRAIN: f32 = 2.5;
/// How much further hair may reach on one side than on the other (eye distances).
const LOPSIDED_MARGIN: f32 = 0.9;
/// The zone measured ends this far below the eye line (eye distances): about the mouth.
const ZONE_BOTTOM: f32 = 1.0;
/// A shadow on the backdrop: the backdrop's hue, this share of its light or more, and smooth.
const SHADE_LIGHT: f32 = 0.25;
/// Largest difference in chromaticity (r, g shares) of a shadow from the backdrop.
const SHADE_HUE: f32 = 0.025;
/// Largest luma spread inside a cell of a shadow (hair has strands; a shadow on a screen is smooth).
const SHADE_GRAIN: f32 = 5.0;

/// Where the head is, as the face detector gave it (frame pixels).
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Pose {
    /// Face centre column.
    pub cx: f32,
    /// Eye row.
    pub eye_y: f32,
    /// Eye distance.
    pub d: f32,
    /// Chin row.
    pub chin: f32,
}

impl Pose {
    /// Whether a frame point lies in the room the head and its hair can take.
    pub fn in_room(&self, x: f32, y: f32) -> bool {
        let (dx, top) = ((x - self.cx).abs(), self.eye_y - ROOM_TOP * self.d);
        if y > self.chin || y < top || dx > ROOM_HALF_WIDTH * self.d {
            return false;
        }
        if y >= self.eye_y {
            return true;
        }
        let (a, b) = (ROOM_HALF_WIDTH * self.d, ROOM_TOP * self.d);
        let (u, v) = (dx / a, (self.eye_y - y) / b);
        u * u + v * v <= 1.0
    }

    /// The head itself (face and close hair): an ellipse (centre, half-axes) left out of the
    /// backdrop even where the growth reached it, and never taken for a shadow.
    pub fn skull(&self) -> ((f32, f32), (f32, f32)) {
        (
            (self.cx, self.eye_y - 0.25 * self.d),
            (1.45 * self.d, 1.8 * self.d),
        )
    }

    /// The zone measured: the room and a margin around it, down to the mouth (lower down, the
    /// shoulders come in from the sides).
    pub fn zone(&self) -> measure::Rect {
        let half = (ROOM_HALF_WIDTH + ZONE_MARGIN) * self.d;
        (
            self.cx - half,
            self.eye_y - (ROOM_TOP + ZONE_MARGIN) * self.d,
            self.cx + half,
            self.eye_y + ZONE_BOTTOM * self.d,
        )
    }
}

/// What a grid cell is.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Cell {
    /// Reached from the edges.
    Backdrop,
    /// Not reached, joined to the face, inside the room.
    Person,
    /// Not reached, but the backdrop in shadow: its hue, darker, smooth. Never the person.
    Shade,
    /// Not reached and not the person.
    Other,
}

/// The frame's backdrop and person, on the grid.
#[derive(Debug, Clone)]
pub struct Split {
    /// Frame pixels per cell.
    step: f32,
    w: usize,
    h: usize,
    cells: Vec<Cell>,
    /// The backdrop's colour (median of the edge cells), if the edges show any.
    pub colour: Option<[u8; 3]>,
    /// The luma spread inside each cell.
    grain: Vec<f32>,
    /// The share of the zone's border that is the backdrop's one colour (a plain backdrop: most
    /// of it; a bookcase or a poster wall: little).
    pub agreement: f32,
}

/// Whether a point lies inside an ellipse (centre, half-axes).
pub fn inside(e: ((f32, f32), (f32, f32)), x: f32, y: f32) -> bool {
    let ((cx, cy), (a, b)) = e;
    let (u, v) = ((x - cx) / a.max(1.0), (y - cy) / b.max(1.0));
    u * u + v * v <= 1.0
}

fn diff(a: [f32; 3], b: [f32; 3]) -> f32 {
    (a[0] - b[0])
        .abs()
        .max((a[1] - b[1]).abs())
        .max((a[2] - b[2]).abs())
}

impl Split {
    /// Splits `frame` around the head at `pose`.
    pub fn find(frame: &RgbImage, pose: &Pose) -> Self {
        let (fw, fh) = frame.dimensions();
        let k = (CELLS_PER_EYE_DISTANCE / pose.d.max(1.0)).min(1.0);
        let (w, h) = (
            ((fw as f32 * k).round() as u32).max(1),
            ((fh as f32 * k).round() as u32).max(1),
        );
        let mut small = crate::camera::preview::scale(frame, w, h)
            .and_then(|px| RgbImage::from_raw(w, h, px))
            .unwrap_or_else(|| imageops::resize(frame, w, h, FilterType::Triangle));
        let (w, h) = (w as usize, h as usize);
        let step = fw as f32 / w as f32;
        let px: Vec<[f32; 3]> = small.pixels().map(|p| p.0.map(f32::from)).collect();
        crate::camera::wipe(&mut small);
        let mut split = Self {
            step,
            w,
            h,
            cells: vec![Cell::Other; w * h],
            colour: None,
            grain: Vec::new(),
            agreement: 0.0,
        };
        split.grain = split.grain(frame, pose);
        split.grow_backdrop(&px, pose);
        split.mark_shade(&px, pose);
        split.join_person(pose);
        split.trim_lopsided(pose);
        split
    }

    fn at(&self, x: usize, y: usize) -> usize {
        y * self.w + x
    }

    /// The frame point at the centre of a cell.
    fn centre(&self, x: usize, y: usize) -> (f32, f32) {
        ((x as f32 + 0.5) * self.step, (y as f32 + 0.5) * self.step)
    }

    fn cell_of(&self, x: f32, y: f32) -> (usize, usize) {
        (
            ((x / self.step).max(0.0) as usize).min(self.w - 1),
            ((y / self.step).max(0.0) as usize).min(self.h - 1),
        )
    }

    /// The cells on the border of the zone measured (clipped to the frame): its top row and its
    /// sides down to the mouth. A plain backdrop shows there, whatever lies beyond the screen.
    fn edge_cells(&self, pose: &Pose) -> Vec<(usize, usize)> {
        let z = pose.zone();
        let (x0, y0) = self.cell_of(z.0, z.1);
        let (x1, y1) = self.cell_of(z.2, z.3);
        let mut out: Vec<(usize, usize)> = (x0..=x1).map(|x| (x, y0)).collect();
        for y in y0 + 1..=y1 {
            out.push((x0, y));
            out.push((x1, y));
        }
        out
    }

    fn grow_backdrop(&mut self, px: &[[f32; 3]], pose: &Pose) {
        let edges = self.edge_cells(pose);
        let mut median = [0.0f32; 3];
        for (c, slot) in median.iter_mut().enumerate() {
            let mut v: Vec<f32> = edges.iter().map(|&(x, y)| px[self.at(x, y)][c]).collect();
            v.sort_by(f32::total_cmp);
            *slot = v.get(v.len() / 2).copied().unwrap_or(0.0);
        }
        self.colour = Some(median.map(|v| v.round() as u8));
        let mut queue = VecDeque::new();
        for &(x, y) in &edges {
            let i = self.at(x, y);
            if self.cells[i] != Cell::Backdrop && diff(px[i], median) <= FROM_BACKDROP {
                self.cells[i] = Cell::Backdrop;
                queue.push_back((x, y));
            }
        }
        self.agreement = queue.len() as f32 / edges.len().max(1) as f32;
        while let Some((x, y)) = queue.pop_front() {
            let here = px[self.at(x, y)];
            for (nx, ny) in self.neighbours(x, y).collect::<Vec<_>>() {
                let i = self.at(nx, ny);
                if self.cells[i] == Cell::Other
                    && diff(px[i], here) <= LOCAL_STEP
                    && diff(px[i], median) <= FROM_BACKDROP
                {
                    self.cells[i] = Cell::Backdrop;
                    queue.push_back((nx, ny));
                }
            }
        }
    }

    /// Cells not reached that are the backdrop in shadow: reached from the backdrop by small steps
    /// only (a soft shadow has no edge; hair has one), of its hue, darker, and smooth.
    fn mark_shade(&mut self, px: &[[f32; 3]], pose: &Pose) {
        let Some(colour) = self.colour else {
            return;
        };
        let chroma = |p: [f32; 3]| {
            let sum = (p[0] + p[1] + p[2]).max(1.0);
            (p[0] / sum, p[1] / sum)
        };
        let (bc, bl) = (
            chroma(colour.map(f32::from)),
            measure::luma(colour).max(1.0),
        );
        let grain = &self.grain;
        let shade = |i: usize| {
            let p = px[i];
            let c = chroma(p);
            let light = measure::luma_of(p) / bl;
            (c.0 - bc.0).abs() <= SHADE_HUE
                && (c.1 - bc.1).abs() <= SHADE_HUE
                && (SHADE_LIGHT..1.0).contains(&light)
                && grain[i] <= SHADE_GRAIN
        };
        let mut queue: VecDeque<(usize, usize)> = (0..self.h)
            .flat_map(|y| (0..self.w).map(move |x| (x, y)))
            .filter(|&(x, y)| self.cells[y * self.w + x] == Cell::Backdrop)
            .collect();
        while let Some((x, y)) = queue.pop_front() {
            let here = px[self.at(x, y)];
            for (nx, ny) in self.neighbours(x, y) {
                let i = self.at(nx, ny);
                let (fx, fy) = self.centre(nx, ny);
                if self.cells[i] == Cell::Other
                    && diff(px[i], here) <= LOCAL_STEP
                    && shade(i)
                    && !inside(pose.skull(), fx, fy)
                {
                    self.cells[i] = Cell::Shade;
                    queue.push_back((nx, ny));
                }
            }
        }
    }

    /// The four neighbours of a cell inside the grid.
    fn neighbours(&self, x: usize, y: usize) -> impl Iterator<Item = (usize, usize)> {
        let (w, h) = (self.w, self.h);
        [(-1i64, 0i64), (1, 0), (0, -1), (0, 1)]
            .into_iter()
            .map(move |(dx, dy)| (x as i64 + dx, y as i64 + dy))
            .filter(move |&(nx, ny)| nx >= 0 && ny >= 0 && nx < w as i64 && ny < h as i64)
            .map(|(nx, ny)| (nx as usize, ny as usize))
    }

    /// The luma spread of the frame pixels inside each cell.
    /// (Only around the head: the zone and the room, where it is used; elsewhere 0.)
    fn grain(&self, frame: &RgbImage, pose: &Pose) -> Vec<f32> {
        let mut sum = vec![(0.0f32, 0.0f32, 0u32); self.cells.len()];
        let z = pose.zone();
        let Some((x0, y0, x1, y1)) = measure::clip(
            frame,
            (
                z.0 - self.step,
                z.1 - self.step,
                z.2 + self.step,
                z.3 + self.step,
            ),
        ) else {
            return vec![0.0; self.cells.len()];
        };
        let (fw, fh) = frame.dimensions();
        let cell_x: Vec<usize> = (x0..x1)
            .map(|x| (x as usize * self.w / fw as usize).min(self.w - 1))
            .collect();
        for y in y0..y1 {
            let row = (y as usize * self.h / fh as usize).min(self.h - 1) * self.w;
            for (x, &cx) in (x0..x1).zip(&cell_x) {
                let v = measure::luma(frame.get_pixel(x, y).0);
                let slot = &mut sum[row + cx];
                slot.0 += v;
                slot.1 += v * v;
                slot.2 += 1;
            }
        }
        sum.into_iter()
            .map(|(s, s2, n)| {
                let n = n.max(1) as f32;
                (s2 / n - (s / n).powi(2)).max(0.0).sqrt()
            })
            .collect()
    }

    /// The person: cells not reached, joined to the face, inside the room.
    fn join_person(&mut self, pose: &Pose) {
        let start = self.cell_of(pose.cx, pose.eye_y);
        let mut queue = VecDeque::new();
        let i = self.at(start.0, start.1);
        if self.cells[i] == Cell::Other {
            self.cells[i] = Cell::Person;
            queue.push_back(start);
        }
        // Hair the growth went into (white hair on a white screen) still has strands: cells
        // several times grainier than the backdrop at the edges, joined to the person, are hair.
        let hair = self.hair_grain(pose);
        while let Some((x, y)) = queue.pop_front() {
            for (nx, ny) in self.neighbours(x, y).collect::<Vec<_>>() {
                let i = self.at(nx, ny);
                let (fx, fy) = self.centre(nx, ny);
                let joins = match self.cells[i] {
                    Cell::Other => true,
                    Cell::Backdrop => self.grain[i] > hair,
                    _ => false,
                };
                if joins && pose.in_room(fx, fy) {
                    self.cells[i] = Cell::Person;
                    queue.push_back((nx, ny));
                }
            }
        }
    }

    /// The grain above which a backdrop cell is hair: [`HAIR_GRAIN`] times the backdrop's own
    /// at the frame's edges, and never below a smooth shadow's.
    fn hair_grain(&self, pose: &Pose) -> f32 {
        let mut edge: Vec<f32> = self
            .edge_cells(pose)
            .into_iter()
            .map(|(x, y)| self.at(x, y))
            .filter(|&i| self.cells[i] == Cell::Backdrop)
            .map(|i| self.grain[i])
            .collect();
        edge.sort_by(f32::total_cmp);
        let edge = edge.get(edge.len() / 2).copied().unwrap_or(0.0);
        (HAIR_GRAIN * edge).max(SHADE_GRAIN)
    }

    /// Hair falls about as far to both sides of the face; what the person reaches on one side
    /// beyond the other side's reach (and a margin) is something behind them (a poster, a flag
    /// touching the hair), not the person.
    fn trim_lopsided(&mut self, pose: &Pose) {
        let (_, bottom) = self.cell_of(0.0, pose.eye_y + ZONE_BOTTOM * pose.d);
        let margin = LOPSIDED_MARGIN * pose.d;
        for y in 0..=bottom {
            let xs: Vec<usize> = (0..self.w)
                .filter(|&x| self.cells[self.at(x, y)] == Cell::Person)
                .collect();
            let (Some(&first), Some(&last)) = (xs.first(), xs.last()) else {
                continue;
            };
            let left = pose.cx - self.centre(first, y).0;
            let right = self.centre(last, y).0 - pose.cx;
            let reach = left.min(right).max(0.0) + margin;
            for x in xs {
                if (self.centre(x, y).0 - pose.cx).abs() > reach {
                    let i = self.at(x, y);
                    self.cells[i] = Cell::Other;
                }
            }
        }
    }

    /// Whether the frame point is the person.
    pub fn is_person(&self, x: f32, y: f32) -> bool {
        let (cx, cy) = self.cell_of(x, y);
        self.cells[self.at(cx, cy)] == Cell::Person
    }

    /// The topmost frame row where the person covers a quarter of the band 0.5 eye distances
    /// either side of the face centre; `None` when the person never does.
    pub fn top_of_head(&self, pose: &Pose) -> Option<f32> {
        let (x0, _) = self.cell_of(pose.cx - 0.5 * pose.d, 0.0);
        let (x1, _) = self.cell_of(pose.cx + 0.5 * pose.d, 0.0);
        let (_, eye_row) = self.cell_of(0.0, pose.eye_y);
        (0..=eye_row)
            .find(|&y| {
                let n = (x0..=x1)
                    .filter(|&x| self.cells[self.at(x, y)] == Cell::Person)
                    .count();
                n * 4 > x1 - x0
            })
            .map(|y| y as f32 * self.step)
    }

    /// The backdrop of the zone, `head` (an ellipse: centre, half-axes) and the person left out,
    /// every second pixel each way: its pixels (the backdrop, its shade and anything else on it)
    /// and the share of them that are neither backdrop nor shade — things standing in front of
    /// the backdrop or hanging on it.
    pub fn backdrop(
        &self,
        frame: &RgbImage,
        pose: &Pose,
        head: ((f32, f32), (f32, f32)),
    ) -> Backdrop {
        let mut out = Backdrop {
            pixels: Vec::new(),
            clutter: 0.0,
        };
        let Some((x0, y0, x1, y1)) = measure::clip(frame, pose.zone()) else {
            return out;
        };
        let mut other = 0usize;
        for y in (y0..y1).step_by(2) {
            for x in (x0..x1).step_by(2) {
                let (fx, fy) = (x as f32, y as f32);
                if inside(head, fx, fy) {
                    continue;
                }
                let (cx, cy) = self.cell_of(fx, fy);
                match self.cells[self.at(cx, cy)] {
                    Cell::Person => continue,
                    Cell::Other => other += 1,
                    Cell::Backdrop | Cell::Shade => {}
                }
                out.pixels.push(frame.get_pixel(x, y).0);
            }
        }
        if !out.pixels.is_empty() {
            out.clutter = other as f32 / out.pixels.len() as f32;
        }
        out
    }

    /// Frame pixels per grid cell.
    pub fn step(&self) -> f32 {
        self.step
    }
}

/// The backdrop around the head as measured by [`Split::backdrop`].
#[derive(Debug, Clone, PartialEq)]
pub struct Backdrop {
    /// Its pixels.
    pub pixels: Vec<[u8; 3]>,
    /// The share of them that are things on it, not the backdrop or its shade (0..1).
    pub clutter: f32,
}

#[cfg(test)]
mod tests {
    use super::*;
    use image::Rgb;

    fn pose() -> Pose {
        Pose {
            cx: 400.0,
            eye_y: 420.0,
            d: 100.0,
            chin: 620.0,
        }
    }

    /// A face disc with hair of `hair` colour reaching `reach` eye distances to the sides and
    /// above, on a backdrop given by `back`.
    fn scene(hair: [u8; 3], reach: f32, back: impl Fn(u32, u32) -> [u8; 3]) -> RgbImage {
        let p = pose();
        RgbImage::from_fn(800, 1000, |x, y| {
            let (dx, dy) = (x as f32 - p.cx, y as f32 - (p.eye_y + 0.3 * p.d));
            let r = (dx * dx + dy * dy).sqrt();
            if r < 1.3 * p.d {
                Rgb([200, 160, 130])
            } else if r < reach * p.d && y as f32 <= p.eye_y + 1.0 * p.d {
                // Hair with strands: a little texture.
                let t = ((x * 7 + y * 13) % 17) as u8;
                Rgb(hair.map(|v| v.saturating_add(t)))
            } else if y as f32 > p.chin + 0.3 * p.d {
                Rgb([40, 50, 90])
            } else {
                Rgb(back(x, y))
            }
        })
    }

    fn spread(px: &[[u8; 3]]) -> f32 {
        measure::luma_stats(px).map(|s| s.1).unwrap_or(f32::MAX)
    }

    #[test]
    fn full_hair_of_any_colour_is_not_backdrop() {
        let p = pose();
        let plain = |_, _| [228, 230, 232];
        for hair in [[20, 15, 10], [90, 60, 30], [150, 150, 150], [200, 170, 100]] {
            let frame = scene(hair, 2.2, plain);
            let split = Split::find(&frame, &p);
            assert!(
                split.is_person(p.cx + 2.0 * p.d, p.eye_y - 0.5 * p.d),
                "{hair:?}"
            );
            assert!(!split.is_person(p.cx + 2.6 * p.d, p.eye_y - 0.5 * p.d));
            let px = split
                .backdrop(&frame, &p, ((p.cx, p.eye_y), (1.0, 1.0)))
                .pixels;
            assert!(spread(&px) < 3.0, "{hair:?}: {}", spread(&px));
            let top = split.top_of_head(&p).unwrap();
            assert!(
                (top - (p.eye_y + 0.3 * p.d - 2.2 * p.d)).abs() < 8.0,
                "{top}"
            );
        }
    }

    #[test]
    fn a_busy_backdrop_is_measured_as_such() {
        let p = pose();
        let stripes = |x: u32, _| {
            if (x / 24).is_multiple_of(2) {
                [200, 40, 40]
            } else {
                [230, 230, 230]
            }
        };
        let frame = scene([30, 20, 10], 2.0, stripes);
        let split = Split::find(&frame, &p);
        let px = split
            .backdrop(&frame, &p, ((p.cx, p.eye_y), (1.0, 1.0)))
            .pixels;
        assert!(spread(&px) > 30.0, "{}", spread(&px));
    }
}
