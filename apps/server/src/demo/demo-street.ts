/** The demo street (PRODUCT.md "Demo data"): plain data, so tests and docs can refer to it. */
export const demoStreet = {
  name: '锦城街道',
  communities: [
    { code: 'G', name: '光华社区', buildings: ['1栋', '2栋', '3栋', '4栋', '5栋', '6栋'] },
    { code: 'B', name: '滨海社区', buildings: ['1号楼', '2号楼', '3号楼', '4号楼'] },
  ],
  staff: [
    { username: 'admin', name: '街道管理员', role: 'admin', community: null },
    { username: 'staff.g', name: '王芳', role: 'staff', community: 'G' },
    { username: 'staff.b', name: '刘洋', role: 'staff', community: 'B' },
  ],
  /** [phone, name, building index, unit, room, volunteer, verified] */
  residents: {
    G: [
      ['13800000001', '李秀英', 0, '1', '101', true, true],
      ['13800000002', '陈志强', 0, '2', '302', true, true],
      ['13800000003', '张桂兰', 1, '1', '201', false, true],
      ['13800000004', '王建国', 1, '3', '502', false, true],
      ['13800000005', '刘淑珍', 2, '1', '102', false, true],
      ['13800000006', '杨明', 3, '2', '601', false, true],
      ['13800000007', '赵小红', 4, '1', '303', false, true],
      ['13800000008', '黄国华', 5, '2', '1101', false, true],
      ['13800000009', '周磊', 2, '2', '402', false, false],
    ],
    B: [
      ['13900000001', '孙丽', 0, '1', '101', true, true],
      ['13900000002', '马强', 1, '1', '202', false, true],
      ['13900000003', '朱玉兰', 2, '2', '301', false, true],
      ['13900000004', '胡军', 3, '1', '402', false, true],
      ['13900000009', '郭婷', 1, '2', '502', false, false],
    ],
  },
} as const;
