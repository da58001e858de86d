"""Rule ID001 (eid-not-used): a citizen-facing system does not authenticate with the national e-ID platform."""

from __future__ import annotations

from typing import Iterator

from ...registry import RuleContext, Violation, rule
from .._common import check_connections


@rule(
    code="ID001",
    name="eid-not-used",
    title="A citizen-facing system does not authenticate with the national e-ID platform",
    title_vi="Hệ thống phục vụ người dân chưa xác thực bằng Nền tảng định danh và xác thực điện tử quốc gia",
    family="identity",
    scope="province",
    generation=3,
    legal_basis=(
        "Quyết định 2568/QĐ-BTTTT (Khung 3.0: Nền tảng định danh và xác thực điện tử)",
        "Nghị định 69/2024/NĐ-CP (thay Nghị định 59/2022/NĐ-CP)",
        "Quyết định 06/QĐ-TTg ngày 06/01/2022 (Đề án 06)",
    ),
    confidence="medium",
)
def eid_not_used(ctx: RuleContext) -> Iterator[Violation]:
    """
    Checks:
        Under framework 3.0 and later, each provincial citizen-facing system (TTHC
        system, public-service portal, citizen app) is related, directly or through
        integration platforms, to the national e-identification and authentication
        platform (``system_type: eid``, VNeID) or to the Cổng Dịch vụ công quốc gia, whose
        single sign-on uses it. The profile's national connection ``eid`` defines what is
        checked.
        In a model of several provinces (several UBND tỉnh), each province is judged
        on its own elements (those of its UBND tỉnh, its agencies and what they own)
        and the finding is on its UBND tỉnh.

    Kiểm tra:
        Theo Khung 3.0 trở về sau, mỗi hệ thống phục vụ người dân của tỉnh (hệ thống giải
        quyết TTHC, cổng dịch vụ công, ứng dụng công dân) có quan hệ, trực tiếp hoặc qua nền
        tảng tích hợp, với Nền tảng định danh và xác thực điện tử quốc gia (``system_type:
        eid``, VNeID) hoặc với Cổng Dịch vụ công quốc gia, nơi đăng nhập một lần dùng nền tảng
        đó. Kết nối quốc gia ``eid`` của hồ sơ khung kiến trúc quy định nội dung kiểm tra.
        Trong mô hình nhiều tỉnh (nhiều UBND tỉnh), mỗi tỉnh được đánh giá trên các phần
        tử của riêng tỉnh đó (UBND tỉnh, các cơ quan của tỉnh và những gì họ sở hữu), và phát
        hiện được gắn với UBND tỉnh đó.

    Why:
        Framework 3.0 adds the e-identification and authentication platform to the
        national overview diagram (NĐ 59/2022/NĐ-CP, replaced by NĐ 69/2024/NĐ-CP), and
        Đề án 06 makes the electronic identity the citizen's key to public services. A
        system with its own accounts duplicates identities and passwords.

    Lý do:
        Khung 3.0 bổ sung Nền tảng định danh và xác thực điện tử vào sơ đồ tổng thể (Nghị
        định 59/2022/NĐ-CP, nay là Nghị định 69/2024/NĐ-CP), và Đề án 06 đưa định danh điện tử
        thành chìa khóa để người dân dùng dịch vụ công. Hệ thống tự quản lý tài khoản riêng
        làm trùng lặp danh tính và mật khẩu.

    Fails:
        ```yaml
        - id: ung-dung-cong-dan
          kind: application
          name: Ứng dụng công dân số tỉnh Bắc Giang
          system_type: citizen_app
        ```

    Passes:
        ```yaml
        - id: ung-dung-cong-dan
          kind: application
          name: Ứng dụng công dân số tỉnh Bắc Giang
          system_type: citizen_app
          uses: [vneid]
        - id: vneid
          kind: application
          name: Hệ thống định danh và xác thực điện tử (VNeID)
          system_type: eid
          external: true
        ```
    """
    yield from check_connections(ctx, "ID001")
