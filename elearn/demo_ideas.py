"""Demo ideas on Ruang Ide for a fresh instance: a handful of real-sounding proposals for
Sawahlunto's public services at every stage, with supporters, a discussion, a decision
history, results of one put in place, and Hendra on the health office's innovation team."""

from __future__ import annotations

from datetime import timedelta

import sqlalchemy as sa
from sqlalchemy.orm import Session

from elearn.ideas.board import search_text_of
from elearn.models import (
    Agency,
    Idea,
    IdeaComment,
    IdeaStageChange,
    IdeaSupport,
    InnovationTeamMember,
    User,
)
from elearn.models.types import utcnow

# title, agency, service, problem, proposal, benefit, tags, stage, results
IDEAS = [
    (
        "Nomor antrean puskesmas lewat WhatsApp",
        "DINKES",
        "Pendaftaran rawat jalan",
        "Warga lansia datang sejak pukul 06.00 ke Puskesmas Sawahlunto untuk mengambil nomor "
        "antrean; rata-rata menunggu **95 menit** sebelum dipanggil (catatan loket, Agustus).",
        "Nomor antrean diambil lewat WhatsApp resmi puskesmas sejak pukul 05.00; balasan "
        "otomatis memberi perkiraan jam panggilan. Loket tetap melayani warga tanpa ponsel.",
        "Waktu tunggu di ruang tunggu turun; ruang tunggu tidak padat.",
        "antrean, digital, kesehatan",
        "diterapkan",
        ("Waktu tunggu rata-rata 95 menit", "Waktu tunggu rata-rata 30 menit"),
    ),
    (
        "Layanan akta kelahiran langsung dari puskesmas",
        "DINKES",
        "Pencatatan kelahiran",
        "Orang tua bayi harus datang sendiri ke Disdukcapil membawa surat keterangan lahir; "
        "banyak akta baru diurus saat anak masuk sekolah.",
        "Bidan puskesmas mengunggah surat keterangan lahir dan KK ke Disdukcapil; akta dikirim "
        "dalam bentuk elektronik ke orang tua.",
        "Cakupan akta kelahiran bayi naik tanpa orang tua antre di kantor.",
        "adminduk, kesehatan, kolaborasi",
        "uji_coba",
        None,
    ),
    (
        "Papan informasi jadwal dokter spesialis di RSUD",
        "DINKES",
        "Rawat jalan RSUD",
        "Pasien datang ke RSUD tanpa tahu dokter spesialis sedang cuti; pengaduan SP4N-LAPOR "
        "tentang hal ini muncul tiap bulan.",
        "Jadwal dokter spesialis diperbarui harian di laman RSUD dan papan digital di lobi.",
        "",
        "informasi, rumah sakit",
        "dibahas",
        None,
    ),
    (
        "Formulir izin reklame satu halaman",
        "BPKD",
        "Pajak reklame",
        "Pemohon izin reklame mengisi empat formulir dengan data berulang; separuh berkas "
        "dikembalikan karena tidak lengkap.",
        "Satu formulir daring yang mengisi otomatis data pemohon, dengan daftar periksa berkas.",
        "Berkas lengkap sejak pertama; waktu proses lebih singkat.",
        "perizinan, pajak daerah",
        "diajukan",
        None,
    ),
    (
        "Wi-Fi gratis di semua kantor kelurahan",
        "DISKOMINFO",
        "Layanan kelurahan",
        "Warga ingin mengisi formulir daring di kelurahan tetapi sinyal seluler lemah.",
        "Pasang titik Wi-Fi publik di setiap kantor kelurahan.",
        "",
        "internet, kelurahan",
        "tidak_dilanjutkan",
        None,
    ),
]
REASON = "Anggaran tahun ini tidak tersedia; diusulkan lagi lewat Musrenbang tahun depan."


def load_demo_ideas(session: Session) -> None:
    agencies = {a.code: a for a in session.scalars(sa.select(Agency))}
    people = list(session.scalars(sa.select(User).order_by(User.id)))
    if not people:
        return
    author, others = people[0], people[1:]
    hendra = session.scalar(sa.select(User).where(User.email == "hendra@demo.elearn.id"))
    if hendra is not None:
        session.add(InnovationTeamMember(agency_id=agencies["DINKES"].id, user_id=hendra.id))
    decider = hendra or author
    now = utcnow()
    path = ["diajukan", "dibahas", "uji_coba", "diterapkan"]
    for age, (title, code, service, problem, proposal, benefit, tags, stage, results) in enumerate(
        IDEAS
    ):
        started = now - timedelta(days=60 - 10 * age)
        idea = Idea(
            author_id=author.id,
            agency_id=agencies[code].id,
            service=service,
            title=title,
            problem=problem,
            proposal=proposal,
            benefit=benefit,
            tags=tags,
            stage=stage,
            created_at=started,
            last_activity_at=started + timedelta(days=5),
            result_before=results[0] if results else "",
            result_after=results[1] if results else "",
        )
        idea.search_text = search_text_of(idea)
        session.add(idea)
        session.flush()
        steps = path[: path.index(stage) + 1] if stage in path else ["diajukan", stage]
        for day, (before, after) in enumerate(zip(steps, steps[1:], strict=False), start=1):
            session.add(
                IdeaStageChange(
                    idea_id=idea.id,
                    from_stage=before,
                    to_stage=after,
                    by_id=decider.id,
                    note=REASON if after == "tidak_dilanjutkan" else "",
                    at=started + timedelta(days=7 * day),
                )
            )
        for supporter in others[: 5 - age]:
            session.add(IdeaSupport(idea_id=idea.id, user_id=supporter.id))
        idea.supporters = len(others[: 5 - age])
        if age == 0 and others:
            session.add(
                IdeaComment(
                    idea_id=idea.id,
                    author_id=others[0].id,
                    body="Bagaimana warga yang tidak punya WhatsApp? Loket tetap buka?",
                    created_at=started + timedelta(days=2),
                )
            )
            idea.comments = 1
    session.commit()
